// Lines of text in an overlay frame, scrolled through a Viewport, with "3-12 of 40" in the bottom border.

struct ScrolledText: Widget {
    let lines: [Line]
    let offset: Int
    /// What the label says the list holds, when more exists than `lines` (the audit log read so far).
    var total: String? = nil
    var moreBeyond = false

    func draw(in frame: Rect, on grid: inout Grid) {
        let inner = OverlayFrame.inner(frame)
        let view = viewport(frame)
        for (row, i) in view.range.enumerated() { grid.draw(lines[i], in: inner, row: row) }
        if view.scrolls || moreBeyond {
            let label = view.label(total: total)
            let column = frame.width - Grid.width(of: label) - 2
            grid.draw(Line(label, .dim), in: frame, row: frame.height - 1, column: column, truncate: false)
        }
    }

    func viewport(_ frame: Rect) -> Viewport {
        Viewport(count: lines.count, visible: OverlayFrame.inner(frame).height, offset: offset)
    }
}
