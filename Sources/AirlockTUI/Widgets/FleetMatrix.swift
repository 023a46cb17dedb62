// The fleet matrix: a header of environments (‹ › when more lie to either side), then a row per pipeline under
// its group's heading, each cell a version and its symbols, each row ending with its pending counts and problems.

import AirlockCore
import Foundation

struct FleetMatrix: Widget {
    let state: AppState
    let layout: FleetLayout

    func draw(in area: Rect, on grid: inout Grid) {
        guard let f = state.fleet else { return }
        let l = layout
        let (headerRow, body) = area.splitTop(1)
        let first = max(0, min(f.firstColumn, l.columns.count - l.columnsShown))
        let shown = Array(l.columns.dropFirst(first).prefix(l.columnsShown))
        let cellsX = 1 + 1 + l.nameWidth + 1
        grid.draw(Line("PIPELINE", .header, bold: true), in: headerRow, column: 2, truncate: true)
        if first > 0 { grid.draw(Line("‹", .accent, bold: true), in: headerRow, column: cellsX - 1) }
        for (i, env) in shown.enumerated() {
            let x = cellsX + i * (l.cellWidth + 1)
            let cell = Rect(x: headerRow.x + x, y: headerRow.y, width: l.cellWidth, height: 1)
            grid.draw(Line(env, .header, bold: true), in: cell)
        }
        let endX = cellsX + shown.count * (l.cellWidth + 1)
        if first + shown.count < l.columns.count {
            grid.draw(Line("›", .accent, bold: true), in: headerRow, column: endX - 1)
        }
        let view = Viewport(count: l.rows.count, visible: body.height, offset: f.firstRow)
        if view.scrolls {
            let label = view.label()
            grid.draw(Line(label, .dim), in: headerRow, column: headerRow.width - Grid.width(of: label))
        }
        if l.rows.isEmpty {
            let why = f.fleet.members.isEmpty ? "no pipeline in this fleet" : "no pipeline matches \"\(f.filter)\""
            grid.draw(Line(why, .error), in: body, row: 1, column: 2)
            return
        }
        for (y, i) in view.range.enumerated() {
            let rowArea = body.row(y)
            switch l.rows[i] {
            case .group(let name):
                grid.draw(Line("▾ " + name, .header, bold: true), in: rowArea, column: 1)
            case .member(let m):
                drawRow(m, shown: shown, in: rowArea, cellsX: cellsX, endX: endX, on: &grid)
            }
        }
    }

    private func drawRow(
        _ m: FleetMember, shown: [String], in row: Rect, cellsX: Int, endX: Int, on grid: inout Grid
    ) {
        guard let f = state.fleet else { return }
        let l = layout
        let onRow = m.folder == f.row
        let nameArea = Rect(x: row.x + 1, y: row.y, width: l.nameWidth, height: 1)
        grid.draw(Line((onRow ? "▸ " : "  ") + m.name, onRow ? .selected : .normal, bold: onRow), in: nameArea)
        if m.snapshot.pipeline == nil {
            let cells = Rect(x: row.x + cellsX, y: row.y, width: max(0, endX - cellsX - 1), height: 1)
            grid.draw(Line("⚠ airlock.yaml cannot be read — see the problems below", .error), in: cells)
        }
        for (i, env) in shown.enumerated() {
            let x = cellsX + i * (l.cellWidth + 1)
            let area = Rect(x: row.x + x, y: row.y, width: l.cellWidth, height: 1)
            guard let cell = l.digest.cells[m.folder]?[env] else { continue }
            let here = onRow && env == f.column
            if here { grid.fill(area, .selected, reverse: true) }
            grid.draw(line(cell, selected: here), in: area, truncate: false)
        }
        guard let ends = l.digest.summaries[m.folder] else { return }
        let summary = Self.summary(ends)
        grid.draw(summary, in: row, column: endX + 1)
    }

    /// A cell: the version's end, the health symbol, ◷ when stale, the incoming promotion's mark.
    func line(_ c: FleetCell, selected: Bool) -> Line {
        let l = layout
        let version = TextFit.tail(c.version ?? "—", l.versionWidth)
        let pad = String(repeating: " ", count: max(0, l.versionWidth - Grid.width(of: version)))
        let gap = l.compact ? "" : " "
        func span(_ text: String, _ role: Role, bold: Bool = false) -> Span {
            Span(text, selected ? .selected : role, bold: bold || selected, reverse: selected)
        }
        var spans = [span(version + pad + " ", .normal)]
        spans.append(span(Symbols.healthSymbol(c.health), Symbols.healthRole(c.health), bold: c.health == .down))
        spans.append(span(gap + (c.stale ? Symbols.staleMark : " "), .stale, bold: true))
        let mark = c.incoming.map(Symbols.stateMark) ?? " "
        spans.append(span(gap + mark, c.incoming.map(Symbols.stateRole) ?? .normal, bold: c.incoming == .ready))
        return Line(spans)
    }

    /// A row's end: `↑2 ⊘1 ⇢1 ⚠3` (ready, blocked, in progress, problems; only those that are not zero).
    static func summary(_ r: FleetRowSummary) -> Line {
        var spans: [Span] = []
        func add(_ n: Int, _ mark: String, _ role: Role, bold: Bool = false) {
            guard n > 0 else { return }
            if !spans.isEmpty { spans.append(Span(" ")) }
            spans.append(Span("\(mark)\(n)", role, bold: bold))
        }
        add(r.ready, Symbols.stateMark(.ready), .ready, bold: true)
        add(r.blocked, Symbols.stateMark(.blocked), .blocked)
        add(r.inProgress, Symbols.stateMark(.inProgress), .inProgress)
        add(r.problems, "⚠", .error, bold: true)
        return Line(spans)
    }
}
