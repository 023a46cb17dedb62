// Key bar: the keys of the view on top, as given; the last two always show, the middle drops from its end.

struct KeyBar: Widget {
    let hints: [KeyHint]

    func draw(in area: Rect, on grid: inout Grid) {
        grid.fill(area, .keybar)
        let tail = hints.count > 2 ? Array(hints.suffix(2)) : []
        var head = hints.count > 2 ? Array(hints.dropLast(2)) : hints
        while !head.isEmpty && width(head) + width(tail) > area.width - 1 { head.removeLast() }
        var x = 1
        for hint in head + tail {
            let w = width([hint])
            if x + w > area.width { break }
            x =
                grid.draw(
                    Line([Span(hint.key, .keyName, bold: true), Span(" " + hint.label + "  ", .keybar)]), in: area,
                    column: x, truncate: false) - area.x
        }
    }

    /// Columns a list of hints takes: "key label" and two spaces each.
    private func width(_ list: [KeyHint]) -> Int {
        list.reduce(0) { $0 + Grid.width(of: $1.key) + Grid.width(of: $1.label) + 3 }
    }
}
