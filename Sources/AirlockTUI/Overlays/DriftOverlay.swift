// Drift: an environment beside the next one, key by key (version, schema, health, flags, config, facts), differences
// marked, then what ships from it into the next; scrolled when longer than the screen.

import AirlockCore
import AirlockStore

struct DriftOverlay: OverlayWidget {
    let state: AppState
    let environment: String
    let scroll: Int

    /// What ships from the environment into the next one (the promote confirmation's list).
    static func ships(_ state: AppState, _ drift: Drift) -> WhatShips? {
        Facts.whatShips(from: drift.environment, into: drift.next, in: state.snapshot)
    }

    /// The furthest the view scrolls on the state's screen.
    static func maxScroll(_ state: AppState, environment: String) -> Int {
        guard let drift = Facts.drift(of: environment, in: state.snapshot) else { return 0 }
        let count = lines(drift, ships: ships(state, drift), width: 30).count
        // The frame is at most the screen less the title and key bars; its border takes two rows.
        return max(0, count - max(0, state.height - 3 - 2))
    }

    func draw(on grid: inout Grid) {
        guard let drift = Facts.drift(of: environment, in: state.snapshot) else { return }
        let ships = Self.ships(state, drift)
        let probe = Self.lines(drift, ships: ships, width: 30).count
        let frame = OverlayFrame.draw(on: &grid, title: "Drift: \(environment) ↔ \(drift.next)", height: probe + 2)
        let lines = Self.lines(drift, ships: ships, width: OverlayFrame.inner(frame).width)
        ScrolledText(lines: lines, offset: scroll).draw(in: frame, on: &grid)
    }

    /// The header, a row per compared key (the keys' column as wide as they need, at most a third of `width`; the
    /// two values' columns share the rest), the summary, then what ships.
    static func lines(_ drift: Drift, ships: WhatShips?, width: Int) -> [Line] {
        let widest = drift.rows.map { Grid.width(of: Sanitize.value($0.key)) }.max() ?? 0
        let k = min(widest + 4, width / 3)
        let w = max(1, (width - k) / 2)
        var out = [
            Line([
                Span(cell("", k)), Span(cell(drift.environment, w), .header, bold: true),
                Span(drift.next, .header, bold: true),
            ])
        ]
        for row in drift.rows {
            let differs = row.change != .same
            let role = role(row.change)
            out.append(
                Line([
                    Span(cell((differs ? "≠ " : "  ") + row.key, k), role, bold: differs),
                    Span(cell(row.left ?? "—", w), role), Span(Sanitize.value(row.right ?? "—"), role),
                ]))
        }
        let services = drift.serviceVersionsDiffering
        let summary =
            "\(drift.differing) of \(drift.rows.count) differ"
            + (services > 0 ? " · \(services) service version(s) differ" : "")
        out += [.blank, Line(summary, drift.differing > 0 ? .changed : .healthy, bold: true)]
        guard let ships else { return out }
        out += [.blank, ShipsList.summary(ships)]
        if !ships.releases.isEmpty { out.append(ShipsList.counting(ships)) }
        out += ShipsList.lines(ships).map { Line([Span("  ")] + $0.spans) }
        return out
    }

    /// `text` cut to leave a column's gap, padded to `width` columns.
    private static func cell(_ text: String, _ width: Int) -> String {
        let cut = Grid.truncate(Sanitize.value(text), max(0, width - 1))
        return cut + String(repeating: " ", count: max(0, width - Grid.width(of: cut)))
    }

    private static func role(_ change: DriftChange) -> Role {
        switch change {
        case .same: .normal
        case .added: .added
        case .removed: .removed
        case .changed: .changed
        }
    }
}
