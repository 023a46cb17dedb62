// Recent activity: the newest audit entries under the pending list, when at least three rows are free.

import AirlockCore

struct Activity: Widget {
    let state: AppState

    /// Rows kept for it when the panels above grow: a blank row, the heading and two entries.
    static let leastRows = 4

    func draw(in area: Rect, on grid: inout Grid) {
        // A blank row above the heading.
        let room = area.height - 1
        guard room >= 3, !state.snapshot.audit.isEmpty else { return }
        grid.draw(Line("Recent activity", .header, bold: true), in: area, row: 1, column: 1, truncate: false)
        let entries = state.snapshot.audit.suffix(room - 1).reversed()
        let list = area.inset(top: 2, left: 3, right: 1)
        for (i, e) in entries.enumerated() {
            let ago = "\(Symbols.age(state.now, e.at)) ago".padding(toLength: 10, withPad: " ", startingAt: 0)
            grid.draw(Line(ago + e.sentence, e.action == .rollback ? .degraded : .dim), in: list, row: i)
        }
    }
}
