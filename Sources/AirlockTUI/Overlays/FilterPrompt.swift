// Filter prompt: what is typed after "/", on the status line, with a cursor after it.

struct FilterPrompt: Widget {
    let text: String

    func draw(in area: Rect, on grid: inout Grid) {
        grid.fill(area, .normal)
        let x = grid.draw(Line("/", .accent, bold: true), in: area, column: 1, truncate: false)
        let end = grid.draw(Line(text, .normal, bold: true), in: area, column: x - area.x, truncate: false)
        grid.draw(Line("▏", .accent), in: area, column: end - area.x, truncate: false)
    }
}
