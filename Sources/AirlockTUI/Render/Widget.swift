// Widget: the one shape every screen region and overlay has, a value that draws itself into a Rect.

/// A part of the screen. Pure: the same widget and rectangle always draw the same cells.
protocol Widget {
    func draw(in area: Rect, on grid: inout Grid)
}
