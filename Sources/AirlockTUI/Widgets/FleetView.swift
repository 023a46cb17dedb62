// The fleet screen's layout: title, the matrix, the problems of the fleet and of every pipeline, the status line
// and the key bar; the overlays open over it.

import AirlockCore

enum FleetView {
    static func render(_ s: AppState, on grid: inout Grid) {
        guard let f = s.fleet else { return }
        let screen = grid.bounds
        let (titleRow, belowTitle) = screen.splitTop(1)
        let (body, footer) = belowTitle.splitBottom(2)
        let (statusRow, keyRow) = footer.splitTop(1)
        let problems = f.problems
        let (matrixArea, problemsArea) = body.splitBottom(Problems.height(for: problems))
        FleetTitleBar(state: s).draw(in: titleRow, on: &grid)
        FleetMatrix(state: s, layout: FleetLayout(state: s)).draw(in: matrixArea, on: &grid)
        Problems(problems: problems).draw(in: problemsArea, on: &grid)
        StatusLine(state: s).draw(in: statusRow, on: &grid)
        KeyBar(hints: Keymap.keyBarHints(for: s)).draw(in: keyRow, on: &grid)
        OverlayStack.draw(s.overlays, state: s, statusLine: statusRow, on: &grid)
    }

    /// The title row alone, over a frame of the matrix (an idle second changes nothing else there).
    static func drawTitle(_ s: AppState, on grid: inout Grid) {
        FleetTitleBar(state: s).draw(in: grid.bounds.splitTop(1).0, on: &grid)
    }
}
