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
        let t = Facts.fleetTotals(f.fleet, now: s.now)
        var spans = [
            Span(" airlock · \(f.fleet.name)" + (s.demo ? " (demo)" : ""), .title, bold: true),
            Span(" · \(t.pipelines) pipeline\(t.pipelines == 1 ? "" : "s")", .title),
        ]
        // Counts that are not zero, each with its symbol and word (told apart without colour).
        for (n, text) in [
            (t.down, "\(Symbols.healthSymbol(.down)) \(t.down) down"),
            (t.stale, "\(Symbols.staleMark) \(t.stale) stale"),
            (t.ready, "\(Symbols.stateMark(.ready)) \(t.ready) ready"),
            (t.blocked, "\(Symbols.stateMark(.blocked)) \(t.blocked) blocked"),
        ] where n > 0 {
            spans.append(Span(" · " + text, .title, bold: true))
        }
        spans.append(Span(" · sort: \(f.sort.rawValue)", .title))
        let left = Line(spans)
        let end = grid.draw(left, in: area, truncate: false)
        let clock = Symbols.clock(s.now)
        let read = TimeFormat.formatAge(s.now.timeIntervalSince(s.lastRead))
        // Narrower screens drop the least useful parts first; the right side goes before the counts do.
        for right in [
            "\(s.actor) · \(s.watchMode) · read \(read) ago · \(clock) ", "\(s.actor) · \(clock) ", clock + " ",
        ] {
            let column = area.width - Grid.width(of: right)
            if column > end - area.x + 1 {
                grid.draw(Line(right, .title), in: area, column: column, truncate: false)
                return
            }
        }
    }
}
