// The fleet screen's title bar: the fleet's name and counts (pipelines, environments down or stale, ready and
// blocked promotions), the sort in force; who, watch mode, last read and the clock on the right.

import AirlockCore
import Foundation

struct FleetTitleBar: Widget {
    let state: AppState

    func draw(in area: Rect, on grid: inout Grid) {
        guard let f = state.fleet else { return }
        let s = state
        grid.fill(area, .title)
        let t = f.digest(now: s.now).totals
        let counts = [
            (t.down, Symbols.healthSymbol(.down), "down"), (t.stale, Symbols.staleMark, "stale"),
            (t.ready, Symbols.stateMark(.ready), "ready"), (t.blocked, Symbols.stateMark(.blocked), "blocked"),
        ].filter { $0.0 > 0 }
        // Counts that are not zero, each with its symbol and word (told apart without colour); on a narrow screen
        // the symbols alone.
        var left = Line([
            Span(" airlock · \(f.fleet.name)" + (s.demo ? " (demo)" : ""), .title, bold: true),
            Span(" · \(t.pipelines) pipeline\(t.pipelines == 1 ? "" : "s")", .title),
        ])
        left.spans += counts.map { Span(" · \($0.1) \($0.0) \($0.2)", .title, bold: true) }
        left.spans.append(Span(" · sort: \(f.sort.rawValue)", .title))
        if left.width > area.width {
            left = Line([
                Span(" \(f.fleet.name)", .title, bold: true), Span(" · \(t.pipelines)", .title),
                Span(counts.map { " \($0.1)\($0.0)" }.joined(), .title, bold: true),
                Span(" · \(f.sort.rawValue)", .title),
            ])
        }
        let end = grid.draw(left, in: area, truncate: false)
        let clock = Symbols.clock(s.now)
        let read = TimeFormat.formatAge(s.now.timeIntervalSince(s.lastRead))
        // Narrower screens drop the least useful parts first; the right side goes before the counts do. The kernel
        // refusing watches (its limit) is said whatever the width, over the counts if need be.
        var options = [
            "\(s.actor) · \(s.watchMode) · read \(read) ago · \(clock) ", "\(s.actor) · \(clock) ", clock + " ",
        ]
        if case .partial = s.watchMode {
            options = [options[0], "⚠ \(s.watchMode) · \(clock) ", "⚠ \(s.watchMode) "]
        }
        for (i, right) in options.enumerated() {
            let column = area.width - Grid.width(of: right)
            let mustShow = i == options.count - 1 && right.hasPrefix("⚠")
            if column > end - area.x + 1 || mustShow {
                grid.draw(Line(right, .title, bold: right.hasPrefix("⚠")), in: area, column: max(0, column))
                return
            }
        }
    }
}
