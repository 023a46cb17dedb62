// Compact environment table: one row an environment, for screens too narrow for a panel each.

import AirlockCore

struct CompactTable: Widget {
    let state: AppState
    let environments: [EnvironmentConfig]

    private static let columns = [
        ("ENVIRONMENT", 16), ("VERSION", 16), ("HEALTH", 12), ("STALE", 8), ("DEPLOYED", 10), ("REQUEST", 30),
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
        for (name, w) in Self.columns {
            grid.draw(Line(name, .header, bold: true), in: area, column: x, truncate: false)
            x += w
        }
        if start > 0 { grid.draw(Line("↑ \(start) more", .dim), in: area, column: area.width - 9, truncate: false) }
        for (row, env) in envs[start..<(start + shown)].enumerated() {
            let rowArea = area.row(1 + row)
            let selected = env.name == state.selected
            if selected { grid.fill(rowArea, .selected, reverse: true) }
            x = 1
            for ((text, role), (_, w)) in zip(cells(env, selected: selected), Self.columns) {
                let cell = Rect(x: rowArea.x + x, y: rowArea.y, width: w - 1, height: rowArea.height)
                grid.draw(Line(text, role, bold: selected, reverse: selected), in: cell)
                x += w
            }
        }
        if start + shown < envs.count {
            let more = Line("↓ \(envs.count - start - shown) more", .dim)
            grid.draw(more, in: area, row: shown, column: area.width - 10, truncate: false)
        }
    }

    private func cells(_ env: EnvironmentConfig, selected: Bool) -> [(String, Role)] {
        let st = state.snapshot.environments[env.name]
        let h = Rules.health(of: st)
        var request = ""
        if let r = state.snapshot.promotions[env.name], !requestIsDone(r, st) {
            request = "⇢ \(r.version) by \(r.requestedBy)"
        }
        return [
            ((selected ? "▸ " : "  ") + env.name, selected ? .selected : .normal), (st?.version ?? "—", .normal),
            (Symbols.health(h), Symbols.healthRole(h)),
            (Rules.isStale(env, in: state.snapshot, now: state.now) ? "STALE" : "", .stale),
            (st?.deployedAt.map { Symbols.age(state.now, $0) } ?? "", .dim), (request, .inProgress),
        ]
    }

    /// Whether the environment reports the version its last request asked for (a fact the core will own).
    private func requestIsDone(_ request: PromotionRequest, _ status: EnvironmentStatus?) -> Bool {
        status?.version == request.version
    }
}
