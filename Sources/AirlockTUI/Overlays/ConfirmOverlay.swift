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

    /// The rows the list gets on a screen `height` rows high: what the dialog's other rows leave, at most all.
    static func listRows(count: Int, height: Int, typed: Bool) -> Int {
        // The frame's rows without the list (borders, prompt, summary, instructions), and the title and key bars.
        let fixed = (typed ? 8 : 6) + 2 + 3
        return max(1, min(count, height - fixed))
    }

    /// The furthest the list scrolls on a screen `height` rows high.
    static func maxScroll(_ state: AppState, _ c: Confirmation) -> Int {
        guard let w = ships(state, c) else { return 0 }
        let count = ShipsList.lines(w).count
        return max(0, count - listRows(count: count, height: state.height, typed: c.typeToConfirm != nil))
    }

    func draw(on grid: inout Grid) {
        let c = confirmation
        let ships = Self.ships(state, c)
        let list = ships.map(ShipsList.lines) ?? []
        let rows =
            list.isEmpty ? 0 : Self.listRows(count: list.count, height: grid.height, typed: c.typeToConfirm != nil)
        // With a promotion: the summary row, then the list.
        let extra = ships == nil ? 0 : 2 + rows
        let frame = OverlayFrame.draw(
            on: &grid, title: "Confirm", width: ships == nil ? 64 : 100,
            height: (c.typeToConfirm == nil ? 6 : 8) + extra)
        let text = OverlayFrame.inner(frame)
        grid.draw(Line(c.prompt, .normal, bold: true), in: text, row: 1)
        if let ships {
            grid.draw(ShipsList.summary(ships), in: text, row: 2)
            if !list.isEmpty { grid.draw(ShipsList.counting(ships), in: text, row: 3) }
            let view = Viewport(count: list.count, visible: rows, offset: c.scroll)
            let area = Rect(x: text.x + 2, y: text.y + 4, width: text.width - 2, height: rows)
            for (row, i) in view.range.enumerated() { grid.draw(list[i], in: area, row: row) }
            if view.scrolls {
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
