// Confirm: the question before an action; a protected environment's name must be typed.

struct ConfirmOverlay: OverlayWidget {
    let confirmation: Confirmation

    func draw(on grid: inout Grid) {
        let c = confirmation
        let frame = OverlayFrame.draw(on: &grid, title: "Confirm", width: 64, height: c.typeToConfirm == nil ? 6 : 8)
        let text = OverlayFrame.inner(frame)
        grid.draw(Line(c.prompt, .normal, bold: true), in: text, row: 1)
        guard let name = c.typeToConfirm else {
            grid.draw(Line("y to confirm, n or Esc to cancel", .dim), in: text, row: 2, truncate: false)
            return
        }
        grid.draw(Line("\(name) is protected: type its name to confirm.", .degraded), in: text, row: 2)
        let prompt = frame.inset(left: 2, right: 1).row(5)
        let x = grid.draw(Line("> ", .accent, bold: true), in: prompt, truncate: false)
        // The end of what was typed, so the cursor stays inside the border however long it gets.
        let typed = TextFit.tail(c.typed, frame.maxX - 3 - x)
        let end = grid.draw(Line(typed, .normal, bold: true), in: prompt, column: x - prompt.x, truncate: false)
        grid.draw(Line("▏", .accent), in: prompt, column: end - prompt.x, truncate: false)
    }
}
