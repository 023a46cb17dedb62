// Status line: the last message, else a git sync error, else the filter in force.

struct StatusLine: Widget {
    let state: AppState

    func draw(in area: Rect, on grid: inout Grid) {
        // One column of margin on each side.
        let inner = area.inset(dx: 1, dy: 0)
        guard let line = content() else { return }
        grid.draw(line, in: inner, truncate: false)
    }

    private func content() -> Line? {
        if let m = state.message { return Line((m.isError ? "✗ " : "› ") + m.text, m.isError ? .error : .status) }
        if let e = state.syncError { return Line("✗ git sync failed (retrying): \(e)", .error) }
        let filter = state.shownFilter
        if !filter.isEmpty { return Line("filter: \(filter)  (/ to change, Esc to clear)", .status) }
        return nil
    }
}
