// The fleet's `:` prompt on the status line: the name typed so far, a cursor, and the pipelines it could be.

struct JumpPrompt: Widget {
    let text: String
    /// Names starting with the text (any case), in the matrix's order.
    let candidates: [String]

    func draw(in area: Rect, on grid: inout Grid) {
        grid.fill(area, .normal)
        let x = grid.draw(Line(":", .accent, bold: true), in: area, column: 1, truncate: false)
        let end = grid.draw(Line(text, .normal, bold: true), in: area, column: x - area.x, truncate: false)
        let after = grid.draw(Line("▏", .accent), in: area, column: end - area.x, truncate: false)
        let hint: String
        switch candidates.count {
        case 0: hint = "no pipeline starts with this"
        case 1: hint = "→ " + candidates[0]
        default: hint = "\(candidates.count) match: " + candidates.prefix(6).joined(separator: " ")
        }
        grid.draw(Line("  " + hint, .dim), in: area, column: after - area.x)
    }
}
