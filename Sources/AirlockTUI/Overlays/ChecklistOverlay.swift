// Checklist of a release: each item ticked or not, who did it, and a star on the gates of the target environment.

import AirlockCore

struct ChecklistOverlay: OverlayWidget {
    let state: AppState
    let version: String
    let target: String?
    let cursor: Int

    /// Whether an item counts as done, and who did it (or the approvals it counts).
    private struct ItemState {
        var done: Bool
        var who: String
    }

    func draw(on grid: inout Grid) {
        let items = self.items()
        let title = "Checklist: \(version)" + (target.map { " → \($0)" } ?? "")
        let frame = OverlayFrame.draw(on: &grid, title: title, height: items.count + 5)
        let text = OverlayFrame.inner(frame)
        guard let release = state.snapshot.releases[version] else {
            let missing = "no release file releases/\(version).yaml: CI creates it; nothing to tick"
            grid.draw(Line(missing, .error), in: text, row: 1)
            return
        }
        let gates = Set(target.flatMap { state.pipeline?.environment(named: $0)?.gates } ?? [])
        var row = 0
        if let n = release.notes {
            grid.draw(Line(n, .dim), in: text, row: row)
            row += 1
        }
        grid.draw(Line("★ = required to enter \(target ?? "the next environment")", .dim), in: text, row: row)
        row += 1
        let list = frame.inset(top: 1 + row, left: 1, bottom: 1, right: 1)
        let view = Viewport(count: items.count, visible: list.height, following: cursor)
        for (r, i) in view.range.enumerated() {
            let item = items[i]
            let line = list.row(r)
            let selected = i == cursor
            let gate = gates.contains(item.id)
            let itemState = self.itemState(item, of: release)
            let mark = itemState.done ? "[x]" : "[ ]"
            if selected { grid.fill(line, .selected, reverse: true) }
            let role: Role = selected ? .selected : itemState.done ? .healthy : gate ? .blocked : .normal
            let lead = "\(selected ? "▸" : " ")\(gate ? "★" : " ") \(mark) "
            var x = grid.draw(Line(lead, role, bold: gate, reverse: selected), in: line, truncate: false)
            let name = Grid.truncate(item.title + (item.computed ? " (computed)" : ""), max(10, frame.width / 2))
            x = grid.draw(
                Line(name, selected ? .selected : .normal, reverse: selected), in: line, column: x - line.x,
                truncate: false)
            if !itemState.who.isEmpty {
                let whoArea = Rect(x: x + 2, y: line.y, width: frame.maxX - x - 5, height: 1)
                grid.draw(Line(itemState.who, selected ? .selected : .dim, reverse: selected), in: whoArea)
            }
        }
    }

    private func items() -> [ChecklistItem] { Facts.checklistItems(state.pipeline) }

    /// Done or not, and by whom; the computed approval item counts the target's approvals.
    private func itemState(_ item: ChecklistItem, of release: Release) -> ItemState {
        if item.computed, let env = target.flatMap({ state.pipeline?.environment(named: $0) }) {
            let approval = Facts.approvalItem(release, entering: env)
            let names = approval.approvals.isEmpty ? "" : ": " + approval.approvals.map(\.by).joined(separator: ", ")
            return ItemState(
                done: approval.done, who: "approvals \(approval.approvals.count)/\(approval.required)" + names)
        }
        var who = ""
        if let e = release.checklist[item.id] {
            if let by = e.by {
                who =
                    "\(e.done ? "done" : "undone") by \(by)" + (e.at.map { " \(Symbols.age(state.now, $0)) ago" } ?? "")
            }
            if let note = e.note { who += (who.isEmpty ? "" : " · ") + note }
        }
        return ItemState(done: release.isDone(item.id), who: who)
    }
}
