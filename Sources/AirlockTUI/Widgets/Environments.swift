// The environments region: a panel each when they fit side by side, else the compact table, else why none show.

import AirlockCore

struct Environments: Widget {
    let state: AppState

    /// Narrower panels than this switch the screen to the compact table.
    static let minPanelWidth = 20

    private enum Form {
        case none
        case panels([EnvironmentConfig])
        case table([EnvironmentConfig])
    }

    private func form(width: Int) -> Form {
        let envs = state.visibleEnvironments
        if envs.isEmpty { return .none }
        return envs.count * Self.minPanelWidth <= width ? .panels(envs) : .table(envs)
    }

    /// Rows the region takes on a screen of this size.
    func height(screenWidth: Int, screenHeight: Int) -> Int {
        switch form(width: screenWidth) {
        case .none: return 3
        case .panels: return EnvironmentPanels.height(screenHeight: screenHeight)
        case .table(let envs): return CompactTable.height(screenHeight: screenHeight, count: envs.count)
        }
    }

    /// Rows the region would take to show everything, when that is more than `height` gives (panels only).
    func wantedHeight(screenWidth: Int) -> Int {
        guard case .panels(let envs) = form(width: screenWidth) else { return 0 }
        return EnvironmentPanels(state: state, environments: envs).wantedHeight(width: screenWidth)
    }

    func draw(in area: Rect, on grid: inout Grid) {
        switch form(width: area.width) {
        case .none:
            let why =
                state.pipeline == nil
                ? "airlock.yaml cannot be read — see the problems below"
                : "no environment matches the filter \"\(state.filter)\""
            grid.draw(Line(why, .error), in: area, row: 1, column: 2, truncate: false)
        case .panels(let envs): EnvironmentPanels(state: state, environments: envs).draw(in: area, on: &grid)
        case .table(let envs): CompactTable(state: state, environments: envs).draw(in: area, on: &grid)
        }
    }
}
