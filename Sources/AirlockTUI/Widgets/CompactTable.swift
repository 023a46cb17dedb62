// Compact environment table: one row an environment, for screens too narrow for a panel each.

import AirlockCore

struct CompactTable: Widget {
    let state: AppState
    let environments: [EnvironmentConfig]

    /// A column: its heading and its width, one column of which separates it from the next.
    private struct Column {
        var heading: String
        var width: Int
    }

    private static let columns = [
        Column(heading: "ENVIRONMENT", width: 16), Column(heading: "VERSION", width: 16),
        Column(heading: "HEALTH", width: 12), Column(heading: "STALE", width: 8),
        Column(heading: "DEPLOYED", width: 10), Column(heading: "REQUEST", width: 30),
    ]

    /// Rows shown at most: about half the screen, at least three.
    static func visibleRows(screenHeight: Int, count: Int) -> Int {
        min(count, max(3, (screenHeight - 4) / 2 - 1))
    }

    /// Rows the table takes: its header, its rows and a blank row.
    static func height(screenHeight: Int, count: Int) -> Int {
        visibleRows(screenHeight: screenHeight, count: count) + 2
    }

    func draw(in area: Rect, on grid: inout Grid) {
        let envs = environments
        let shown = Self.visibleRows(screenHeight: grid.height, count: envs.count)
        let selectedIndex = envs.firstIndex { $0.name == state.selected } ?? 0
        // Centred on the selection, so it always shows.
        let start = max(0, min(selectedIndex - shown / 2, envs.count - shown))
        var x = 1
        for column in Self.columns {
            grid.draw(Line(column.heading, .header, bold: true), in: area, column: x, truncate: false)
            x += column.width
        }
        if start > 0 { grid.draw(Line("↑ \(start) more", .dim), in: area, column: area.width - 9, truncate: false) }
        for (row, env) in envs[start..<(start + shown)].enumerated() {
            let rowArea = area.row(1 + row)
            let selected = env.name == state.selected
            if selected { grid.fill(rowArea, .selected, reverse: true) }
            x = 1
            for (span, column) in zip(cells(env, selected: selected), Self.columns) {
                let cell = Rect(x: rowArea.x + x, y: rowArea.y, width: column.width - 1, height: rowArea.height)
                grid.draw(Line([span]), in: cell)
                x += column.width
            }
        }
        if start + shown < envs.count {
            let more = Line("↓ \(envs.count - start - shown) more", .dim)
            grid.draw(more, in: area, row: shown, column: area.width - 10, truncate: false)
        }
    }

    /// A row's cells; the selected row is bold and reversed throughout.
    private func cells(_ env: EnvironmentConfig, selected: Bool) -> [Span] {
        let st = state.snapshot.environments[env.name]
        let h = Rules.health(of: st)
        var request = ""
        if let (r, progress) = Facts.request(on: env.name, in: state.snapshot), progress == .inProgress {
            request = "⇢ \(r.version) by \(r.requestedBy)"
        }
        let stale = Rules.isStale(env, in: state.snapshot, now: state.now)
        func cell(_ text: String, _ role: Role) -> Span { Span(text, role, bold: selected, reverse: selected) }
        return [
            cell((selected ? "▸ " : "  ") + env.name, selected ? .selected : .normal),
            cell(st?.version ?? "—", .normal),
            cell(Symbols.health(h), Symbols.healthRole(h)), cell(stale ? "STALE" : "", .stale),
            cell(st?.deployedAt.map { Symbols.age(state.now, $0) } ?? "", .dim), cell(request, .inProgress),
        ]
    }

}
