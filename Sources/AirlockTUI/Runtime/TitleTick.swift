// On the bare fleet matrix an idle second changes only the title row (its clock and "read … ago"): the tick draws
// that row alone over the last frame instead of the whole screen.

import Foundation

/// What a tick could change on the fleet matrix besides its title. When a tick leaves it the same, the matrix, the
/// problems, the status line and the key bar are the last frame's, and only the title row is drawn again.
struct TitleTick: Equatable {
    /// What the kept digest shows: every cell, row end and count of the matrix comes from it.
    var digest: Int
    var message: StatusMessage?
    var width: Int
    var height: Int

    /// nil when the screen is anything but the bare fleet matrix with a digest that fits (a pipeline's screen, an
    /// overlay, a running action, a terminal too small): those are drawn whole, as before.
    init?(_ s: AppState) {
        guard s.onFleetMatrix, s.overlays.isEmpty, !s.busy, s.width >= Views.minWidth, s.height >= Views.minHeight,
            let f = s.fleet, let kept = f.kept, kept.generation == f.generation, kept.sort == f.sort,
            kept.filter == f.filter
        else { return nil }
        digest = kept.revision
        message = s.message
        width = s.width
        height = s.height
    }
}

extension DashboardLoop {
    /// The last frame with the title row drawn again, when a tick that went from `before` to the state now changed
    /// nothing else on screen; nil when the whole screen must be drawn.
    func titleOnlyFrame(after before: TitleTick?, over frame: Grid?) -> Grid? {
        guard let before, before == TitleTick(state), var grid = frame, grid.width == state.width,
            grid.height == state.height
        else { return nil }
        FleetView.drawTitle(state, on: &grid)
        return grid
    }
}
