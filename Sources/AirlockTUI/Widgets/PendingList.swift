// Pending promotions: each with its state badge and blockers, scrolled by whole promotions.

import AirlockCore

/// Not a plain Widget: the layout needs the rows it used, to put the recent activity under them.
struct PendingList {
    let state: AppState
    /// Its rows, made once: the layout asks how many before the list is drawn.
    private let rows: [Row]

    init(state: AppState) {
        self.state = state
        rows = Self.rows(state.visiblePending, state: state)
    }

    /// A row of the list: a promotion (with its badge) or one of its explanations, indented.
    private struct Row {
        var text: String
        var role: Role
        var bold = false
        var selected = false
        var indent = 0
        var badge: Span?
    }

    /// Rows the list takes to show every promotion with its explanations (or the line saying none waits).
    var wantedRows: Int { 1 + max(1, rows.count) }

    /// Draws the list from the top of `area`; returns how many rows of it were used.
    func draw(in area: Rect, on grid: inout Grid) -> Int {
        let s = state
        let pending = s.visiblePending
        let header = "Pending promotions" + (pending.isEmpty ? "" : " (\(pending.count))")
        grid.draw(Line(header, .header, bold: true), in: area, column: 1, truncate: false)
        var y = 1
        if pending.isEmpty {
            let text =
                s.filter.isEmpty
                ? "nothing is waiting: every environment runs the newest release of the one before it"
                : "no pending promotion matches the filter"
            grid.draw(Line(text, .dim), in: area, row: y, column: 3, truncate: false)
        }
        let starts = rows.indices.filter { rows[$0].badge != nil }
        let first = firstShown(rows, starts: starts, space: max(1, area.height - y))
        let hiddenAbove = starts.filter { $0 < first }.count
        let moreColumn = area.width - 14
        if hiddenAbove > 0 {
            grid.draw(Line("↑ \(hiddenAbove) more", .dim), in: area, column: moreColumn, truncate: false)
        }
        var shownItems = 0
        for row in rows.dropFirst(first) {
            guard y < area.height else { break }
            if row.badge != nil { shownItems += 1 }
            let line = area.row(y)
            if row.selected { grid.fill(line, .selected, reverse: true) }
            let textArea = line.inset(left: 1 + row.indent, right: 15)
            let end = grid.draw(
                Line(row.text, row.selected ? .selected : row.role, bold: row.bold, reverse: row.selected),
                in: textArea)
            if let badge = row.badge {
                grid.draw(Line([badge]), in: line, column: max(end - line.x + 2, 36), truncate: false)
            }
            y += 1
        }
        let hiddenBelow = starts.count - hiddenAbove - shownItems
        if hiddenBelow > 0 && y >= area.height {
            let more = Line("↓ \(hiddenBelow) more", .dim)
            grid.draw(more, in: area, row: area.height - 1, column: moreColumn, truncate: false)
        }
        return y
    }

    private static func rows(_ pending: [PendingPromotion], state: AppState) -> [Row] {
        var rows: [Row] = []
        for p in pending {
            let selected = p.to == state.selected
            let badge = Span(Symbols.stateWord(p.state), Symbols.stateRole(p.state), bold: true)
            rows.append(
                Row(
                    text: "\(selected ? "▸" : " ") \(p.version)  \(p.from) → \(p.to)", role: .normal, bold: true,
                    selected: selected, badge: badge))
            if p.state == .inProgress, let r = state.snapshot.promotions[p.to] {
                let ago = Symbols.age(state.now, r.requestedAt)
                let text = "· requested by \(r.requestedBy) \(ago) ago; waiting for \(p.to) to report it"
                rows.append(Row(text: text, role: .inProgress, indent: 4))
            }
            for b in p.blockers {
                rows.append(Row(text: "· \(b.explanation(now: state.now, titles: [:]))", role: .blocked, indent: 4))
            }
            // Ready, yet not for you (not an approver, or four eyes): said before `p` is pressed.
            if p.state == .ready, let why = state.promoteRefusal(p) {
                rows.append(Row(text: "· you cannot promote it: \(why.message)", role: .blocked, indent: 4))
            }
        }
        return rows
    }

    /// The first row shown: scrolled by whole promotions, so the selected one (with its blockers) stays in view.
    private func firstShown(_ rows: [Row], starts: [Int], space: Int) -> Int {
        guard let sel = rows.firstIndex(where: { $0.selected }), let k = starts.firstIndex(of: sel) else { return 0 }
        let selEnd = k + 1 < starts.count ? starts[k + 1] : rows.count
        for start in starts where start <= sel {
            if selEnd - start <= space || start == sel { return start }
        }
        return 0
    }
}
