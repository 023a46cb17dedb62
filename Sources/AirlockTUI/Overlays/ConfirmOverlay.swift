// Confirm: the question before an action; a promotion lists what ships (scrolling); a protected name is typed.

import AirlockCore

struct ConfirmOverlay: OverlayWidget {
    let state: AppState
    let confirmation: Confirmation

    /// What ships with the promotion asked about (nil for any other action).
    static func ships(_ state: AppState, _ c: Confirmation) -> WhatShips? {
        guard case .promote(let version, let to) = c.action else { return nil }
        let from = state.pending.first { $0.to == to && $0.version == version }?.from
        return Facts.whatShips(version: version, into: to, in: state.snapshot, from: from)
    }

    /// What of the list fits on a screen `height` rows high, beside the dialog's own rows (borders, prompt,
    /// instructions) and the title and key bars: the summary, which items count, and as many releases' rows as fit
    /// (none on a screen too small; the question always stays).
    static func layout(count: Int, height: Int, typed: Bool) -> (summary: Bool, counting: Bool, rows: Int) {
        let room = height - 3 - (typed ? 8 : 6)
        guard room >= 1 else { return (false, false, 0) }
        guard room >= 3, count > 0 else { return (true, false, 0) }
        return (true, true, min(count, room - 2))
    }

    /// The furthest the list scrolls on the state's screen.
    static func maxScroll(_ state: AppState, _ c: Confirmation) -> Int {
        guard let w = ships(state, c) else { return 0 }
        let count = ShipsList.lines(w).count
        return max(0, count - layout(count: count, height: state.height, typed: c.typeToConfirm != nil).rows)
    }

    func draw(on grid: inout Grid) {
        let c = confirmation
        let ships = Self.ships(state, c)
        let list = ships.map(ShipsList.lines) ?? []
        let fit = Self.layout(count: list.count, height: grid.height, typed: c.typeToConfirm != nil)
        // With a promotion: the summary row, which items count, then the list.
        let extra = ships == nil ? 0 : (fit.summary ? 1 : 0) + (fit.counting ? 1 : 0) + fit.rows
        let frame = OverlayFrame.draw(
            on: &grid, title: "Confirm", width: ships == nil ? 64 : 100,
            height: (c.typeToConfirm == nil ? 6 : 8) + extra)
        let text = OverlayFrame.inner(frame)
        grid.draw(Line(c.prompt, .normal, bold: true), in: text, row: 1)
        if let ships, fit.summary {
            grid.draw(ShipsList.summary(ships), in: text, row: 2)
            if fit.counting { grid.draw(ShipsList.counting(ships), in: text, row: 3) }
            let view = Viewport(count: list.count, visible: fit.rows, offset: c.scroll)
            let area = Rect(x: text.x + 2, y: text.y + 4, width: text.width - 2, height: fit.rows)
            for (row, i) in view.range.enumerated() { grid.draw(list[i], in: area, row: row) }
            if view.scrolls && fit.rows > 0 {
                let label = view.label() + "↑↓" + (c.typeToConfirm == nil ? " j k " : " ")
                let column = frame.width - Grid.width(of: label) - 2
                grid.draw(Line(label, .dim), in: frame, row: 4, column: column, truncate: false)
            }
        }
        let below = 2 + extra
        guard let name = c.typeToConfirm else {
            grid.draw(Line("y to confirm, n or Esc to cancel", .dim), in: text, row: below, truncate: false)
            return
        }
        grid.draw(Line("\(name) is protected: type its name to confirm.", .degraded), in: text, row: below)
        let prompt = frame.inset(left: 2, right: 1).row(5 + extra)
        let x = grid.draw(Line("> ", .accent, bold: true), in: prompt, truncate: false)
        // The end of what was typed, so the cursor stays inside the border however long it gets.
        let typed = TextFit.tail(c.typed, frame.maxX - 3 - x)
        let end = grid.draw(Line(typed, .normal, bold: true), in: prompt, column: x - prompt.x, truncate: false)
        grid.draw(Line("▏", .accent), in: prompt, column: end - prompt.x, truncate: false)
    }
}
