// Environment panels: one bordered panel a visible environment, side by side, the selected one marked.

import AirlockCore

struct EnvironmentPanels: Widget {
    let state: AppState
    let environments: [EnvironmentConfig]

    /// Rows the panels take at least: taller on tall screens.
    static func height(screenHeight: Int) -> Int { screenHeight >= 30 ? 10 : 8 }

    /// Rows the panels take to show all each has, side by side in `width` columns (borders included).
    func wantedHeight(width: Int) -> Int {
        let panels = Rect(x: 0, y: 0, width: width, height: 3).columns(environments.count)
        let rows = zip(environments, panels).map { env, panel in
            EnvironmentPanel(state: state, environment: env).wantedRows(width: panel.inset(dx: 2, dy: 1).width)
        }
        return (rows.max() ?? 0) + 2
    }

    func draw(in area: Rect, on grid: inout Grid) {
        for (env, panel) in zip(environments, area.columns(environments.count)) {
            let selected = env.name == state.selected
            let title = self.title(env, width: panel.width)
            grid.box(
                panel, selected ? .borderFocus : .border, title: title, titleRole: selected ? .borderFocus : .header)
            if selected {
                // A visible mark that survives monochrome: reverse the title.
                let mark = " " + Grid.truncate(title, panel.width - 6) + " "
                grid.draw(Line(mark, .selected, bold: true, reverse: true), in: panel, column: 2, truncate: false)
            }
            EnvironmentPanel(state: state, environment: env).draw(in: panel.inset(dx: 2, dy: 1), on: &grid)
        }
    }

    /// The name, with "⚑ protected" when it fits, else "⚑".
    private func title(_ env: EnvironmentConfig, width: Int) -> String {
        guard env.protected else { return env.name }
        return env.name + (Grid.width(of: env.name) + 12 <= width - 6 ? " ⚑ protected" : " ⚑")
    }
}
