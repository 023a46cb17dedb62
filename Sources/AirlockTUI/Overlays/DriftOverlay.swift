// Drift: an environment beside the next one, key by key (version, schema, health, flags, config), differences marked.

import AirlockCore

struct DriftOverlay: OverlayWidget {
    let state: AppState
    let environment: String

    func draw(on grid: inout Grid) {
        guard let drift = Facts.drift(of: environment, in: state.snapshot) else { return }
        let next = drift.next
        let rows = drift.rows
        let keyCount = rows.count - 3
        let frame = OverlayFrame.draw(on: &grid, title: "Drift: \(environment) ↔ \(next)", height: keyCount + 8)
        let text = OverlayFrame.inner(frame)
        let colW = text.width / 3
        let columns = (0..<3).map { Rect(x: text.x + $0 * colW, y: text.y, width: colW - 1, height: text.height) }
        grid.draw(Line("".padding(toLength: colW, withPad: " ", startingAt: 0), .header), in: text, truncate: false)
        grid.draw(Line(environment, .header, bold: true), in: text, column: colW, truncate: false)
        grid.draw(Line(next, .header, bold: true), in: text, column: 2 * colW, truncate: false)
        // The last inner row holds the summary.
        for (r, row) in rows.prefix(max(0, text.height - 2)).enumerated() {
            let differs = row.change != .same
            let cells = [(differs ? "≠ " : "  ") + row.key, row.left ?? "—", row.right ?? "—"]
            for (c, cell) in cells.enumerated() {
                grid.draw(Line(cell, role(row.change), bold: c == 0 && differs), in: columns[c], row: 1 + r)
            }
        }
        let differing = drift.differing
        let services = drift.serviceVersionsDiffering
        let summary =
            "\(differing) of \(rows.count) differ" + (services > 0 ? " · \(services) service version(s) differ" : "")
        grid.draw(
            Line(summary, differing > 0 ? .changed : .healthy, bold: true), in: frame, row: frame.height - 2,
            column: 2, truncate: false)
    }

    private func role(_ change: DriftChange) -> Role {
        switch change {
        case .same: .normal
        case .added: .added
        case .removed: .removed
        case .changed: .changed
        }
    }
}
