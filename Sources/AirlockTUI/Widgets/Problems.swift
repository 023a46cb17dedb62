// Problems: the first three problems of the root at the bottom of the main screen, and how many more.

import AirlockCore

struct Problems: Widget {
    let problems: [Problem]

    /// Rows needed: none without problems; else a heading, up to three, and "… n more".
    static func height(for problems: [Problem]) -> Int {
        problems.isEmpty ? 0 : min(problems.count, 3) + 1 + (problems.count > 3 ? 1 : 0)
    }

    func draw(in area: Rect, on grid: inout Grid) {
        guard !problems.isEmpty else { return }
        let heading = "⚠ Problems (\(problems.count)) — run airlock check for the full list"
        grid.draw(Line(heading, .error, bold: true), in: area, column: 1, truncate: false)
        let list = area.inset(top: 1, left: 3, right: 1)
        for (i, p) in problems.prefix(3).enumerated() { grid.draw(Line(p.description, .error), in: list, row: i) }
        if problems.count > 3 { grid.draw(Line("… \(problems.count - 3) more", .dim), in: list, row: 3) }
    }
}
