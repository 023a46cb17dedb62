// Views: the dashboard's drawing entry points. The screen's layout: split the screen, ask each widget to draw.

import AirlockCore
import Foundation

/// Draws the state into a cell grid. Pure: the same state gives the same grid.
public enum Views {
    public static let minWidth = 50
    public static let minHeight = 12

    public static func render(_ s: AppState) -> Grid {
        var grid = Grid(width: s.width, height: s.height)
        let screen = grid.bounds
        guard s.width >= minWidth, s.height >= minHeight else {
            TooSmall(minWidth: minWidth, minHeight: minHeight, terminalWidth: s.width, terminalHeight: s.height)
                .draw(in: screen, on: &grid)
            return grid
        }
        if s.onFleetMatrix {
            FleetView.render(s, on: &grid)
            return grid
        }
        let (titleRow, belowTitle) = screen.splitTop(1)
        let (body, footer) = belowTitle.splitBottom(2)
        let (statusRow, keyRow) = footer.splitTop(1)
        let environments = Environments(state: s)
        let pending = PendingList(state: s)
        let problemsHeight = Problems.height(for: s.snapshot.problems)
        let least = environments.height(screenWidth: s.width, screenHeight: s.height)
        // The panels grow to show what they have (PanelExtras) into rows the lists below do not need, keeping a few
        // for the recent activity; the lists take the rest.
        let spare = body.height - least - pending.wantedRows - problemsHeight - Activity.leastRows
        let grow = max(0, min(spare, environments.wantedHeight(screenWidth: s.width) - least))
        let (top, lower) = body.splitTop(least + grow)
        let (pendingArea, problemsArea) = lower.splitBottom(problemsHeight)

        TitleBar(state: s).draw(in: titleRow, on: &grid)
        environments.draw(in: top, on: &grid)
        let usedRows = pending.draw(in: pendingArea, on: &grid)
        Activity(state: s).draw(in: pendingArea.splitTop(usedRows).rest, on: &grid)
        Problems(problems: s.snapshot.problems).draw(in: problemsArea, on: &grid)
        StatusLine(state: s).draw(in: statusRow, on: &grid)
        KeyBar(hints: Keymap.keyBarHints(for: s)).draw(in: keyRow, on: &grid)
        OverlayStack.draw(s.overlays, state: s, statusLine: statusRow, on: &grid)
        return grid
    }

    /// Quitting while a hook runs: wait for it, or stop it (drawn by the runtime over the rendered screen).
    public static func hookQuitQuestion(_ g: inout Grid, program: String, running: TimeInterval) {
        HookQuitQuestion(program: program, running: running).draw(on: &g)
    }

    /// The details of an environment as (text, role, bold): the shape the view tests read.
    static func detailLines(_ s: AppState, _ env: String) -> [(String, Role, Bool)] {
        DetailsOverlay(state: s, environment: env, scroll: 0).lines().map { ($0.text, $0.role, $0.bold) }
    }
}
