// Widget and OverlayWidget: the two shapes of everything drawn, a region given its Rect, or an overlay that
// places its own frame over the whole grid.

/// A part of the screen. Pure: the same widget and rectangle always draw the same cells.
protocol Widget {
    func draw(in area: Rect, on grid: inout Grid)
}

/// A view over the screen: sizes and centres its frame (OverlayFrame) from the grid, then draws inside it.
protocol OverlayWidget {
    func draw(on grid: inout Grid)
}
