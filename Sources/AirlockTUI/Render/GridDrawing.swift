// Drawing on the grid by rectangle: lines of spans clipped to a Rect, fills and boxes. Widgets use only these.

extension Grid {
    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Draws `line` on row `row` of `area`, starting `column` columns in; each span that would run past the right
    /// edge is cut there and ends with … (or, with `truncate` false, simply clipped). Returns the column after the
    /// last cell drawn.
    @discardableResult
    public mutating func draw(_ line: Line, in area: Rect, row: Int = 0, column: Int = 0, truncate: Bool = true)
        -> Int
    {
        let y = area.y + row
        var x = area.x + column
        guard row >= 0, row < area.height else { return x }
        for span in line.spans {
            let room = area.maxX - x
            let text = truncate ? Grid.truncate(span.text, room) : span.text
            x = self.text(x, y, text, span.role, bold: span.bold, reverse: span.reverse, maxWidth: max(0, room))
        }
        return x
    }

    /// Draws one line a row, from the top of `area`, as many as fit.
    public mutating func draw(_ lines: [Line], in area: Rect) {
        for (i, line) in lines.prefix(area.height).enumerated() { draw(line, in: area, row: i) }
    }

    public mutating func fill(_ area: Rect, _ role: Role = .normal, reverse: Bool = false) {
        fill(area.x, area.y, area.width, area.height, role, reverse: reverse)
    }

    /// A border around `area`, with an optional title in its top edge.
    public mutating func box(_ area: Rect, _ role: Role = .border, title: String? = nil, titleRole: Role = .header) {
        box(area.x, area.y, area.width, area.height, role, title: title, titleRole: titleRole)
    }
}
