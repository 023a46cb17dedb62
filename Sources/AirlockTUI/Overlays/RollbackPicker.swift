// Rollback picker: the earlier releases an environment can roll back to, one chosen.

struct RollbackPicker: OverlayWidget {
    let state: AppState
    let environment: String
    let versions: [String]
    let cursor: Int

    func draw(on grid: inout Grid) {
        let title = "Roll \(environment) back to"
        let frame = OverlayFrame.draw(on: &grid, title: title, width: 60, height: min(versions.count, 20) + 4)
        let text = OverlayFrame.inner(frame)
        let running = state.snapshot.environments[environment]?.version ?? "—"
        grid.draw(Line("\(environment) runs \(running); earlier releases:", .dim), in: text, truncate: false)
        let list = frame.inset(top: 2, left: 1, bottom: 1, right: 1)
        for (i, v) in versions.prefix(list.height).enumerated() {
            let selected = i == cursor
            if selected { grid.fill(list.row(i), .selected, reverse: true) }
            let notes = state.snapshot.releases[v]?.notes.map { "  " + $0 } ?? ""
            let label = (selected ? "▸ " : "  ") + v + notes
            let line = Line(label, selected ? .selected : .normal, bold: selected, reverse: selected)
            grid.draw(line, in: text, row: 1 + i)
        }
    }
}
