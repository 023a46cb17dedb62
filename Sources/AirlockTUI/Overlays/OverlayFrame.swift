// The frame every overlay sits in: a filled, bordered box centred over the screen, at most the size asked.

enum OverlayFrame {
    /// Draws the frame and returns it; `width` defaults to 100 columns, `height` to the whole screen.
    static func draw(on grid: inout Grid, title: String, width: Int? = nil, height: Int? = nil) -> Rect {
        let w = min(grid.width - 4, width ?? 100)
        let h = min(grid.height - 3, height ?? (grid.height - 3))
        // Above the key bar, never over the title bar.
        let frame = Rect(x: (grid.width - w) / 2, y: max(1, (grid.height - 1 - h) / 2), width: w, height: h)
        grid.fill(frame, .overlay)
        grid.box(frame, .borderFocus, title: title, titleRole: .header)
        return frame
    }

    /// The text area inside a frame: two columns from each side, one row from the borders.
    static func inner(_ frame: Rect) -> Rect { frame.inset(dx: 2, dy: 1) }
}
