// The screen shown instead of the dashboard when the terminal is below the smallest size it can draw.

struct TooSmall: Widget {
    let minWidth: Int
    let minHeight: Int
    /// The terminal's size as reported (the grid never goes below zero).
    let terminalWidth: Int
    let terminalHeight: Int

    func draw(in area: Rect, on grid: inout Grid) {
        let lines = [
            "airlock needs at least \(minWidth)x\(minHeight)", "this terminal is \(terminalWidth)x\(terminalHeight)",
            "q quits",
        ]
        for (i, text) in lines.enumerated() where i < area.height {
            let column = max(0, (area.width - Grid.width(of: text)) / 2)
            let row = max(0, area.height / 2 - 1) + i
            grid.draw(Line(text, i == 0 ? .error : .normal), in: area, row: row, column: column, truncate: false)
        }
    }
}
