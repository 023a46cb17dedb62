// Drawing by rectangle: lines stay inside their Rect, wide characters are never split, spans cut in turn.

import Testing

@testable import AirlockTUI

@Suite struct GridDrawingTests {
    @Test func aLineIsCutInsideItsRectangle() {
        var g = Grid(width: 12, height: 3)
        let area = Rect(x: 2, y: 1, width: 6, height: 1)
        let end = g.draw(Line("abcdefghij", .error), in: area)
        #expect(g.lines[1] == "  abcde…    ")
        #expect(end == 8)
        #expect(g[8, 1] == .blank && g[1, 1] == .blank)
        #expect(g[2, 1].role == .error)
    }

    @Test func clippingWithoutEllipsis() {
        var g = Grid(width: 12, height: 1)
        g.draw(Line("abcdefghij"), in: Rect(x: 1, y: 0, width: 4, height: 1), truncate: false)
        #expect(g.lines[0] == " abcd       ")
    }

    @Test func wideCharactersAreNeverSplitAtTheEdge() {
        var g = Grid(width: 8, height: 2)
        g.draw(Line("日本語"), in: Rect(x: 0, y: 0, width: 3, height: 1), truncate: false)
        #expect(g.lines[0] == "日      ", "the second wide character does not fit in one column")
        #expect(g[2, 0] == .blank)
        g.draw(Line("日本語"), in: Rect(x: 0, y: 1, width: 4, height: 1))
        #expect(g.lines[1] == "日…     ")
    }

    @Test func spansAreDrawnInTurnAndTheLastOneCut() {
        var g = Grid(width: 10, height: 1)
        let line = Line([Span("ab", .keyName, bold: true), Span("cdefgh", .keybar)])
        g.draw(line, in: Rect(x: 0, y: 0, width: 6, height: 1))
        #expect(g.lines[0] == "abcde…    ")
        #expect(g[1, 0].role == .keyName && g[1, 0].bold && g[2, 0].role == .keybar && !g[2, 0].bold)
    }

    @Test func rowsOutsideTheRectangleOrGridDrawNothing() {
        var g = Grid(width: 6, height: 2)
        let area = Rect(x: 0, y: 0, width: 6, height: 1)
        g.draw(Line("x"), in: area, row: 1)
        g.draw(Line("x"), in: area, row: -1)
        g.draw([Line("a"), Line("b"), Line("c")], in: Rect(x: 0, y: 1, width: 6, height: 5))
        #expect(g.lines == ["      ", "a     "])
        g.draw(Line("far"), in: Rect(x: 50, y: 50, width: 4, height: 4))
        g.fill(Rect(x: -3, y: -3, width: 4, height: 4), .error)
        #expect(g[0, 0].role == .error && g[1, 0].role == .normal)
    }

    @Test func theKeyBarDrawsTheHintsItIsGiven() {
        var g = Grid(width: 40, height: 1)
        let hints = [KeyHint("x", "first"), KeyHint("y", "second"), KeyHint("?", "help"), KeyHint("q", "quit")]
        KeyBar(hints: hints).draw(in: g.bounds, on: &g)
        #expect(g.lines[0].hasPrefix(" x first  y second  ? help  q quit"))
        var narrow = Grid(width: 27, height: 1)
        KeyBar(hints: hints).draw(in: narrow.bounds, on: &narrow)
        #expect(narrow.lines[0].hasPrefix(" x first  ? help  q quit"), "the middle drops first: \(narrow.lines[0])")
    }

    @Test func theHelpScreenShowsTheEntriesItIsGiven() {
        var g = Grid(width: 80, height: 24)
        HelpOverlay(entries: [HelpEntry("F9", "launch the rocket")], scroll: 0).draw(on: &g)
        #expect(g.lines.contains { $0.contains("F9                         launch the rocket") })
        #expect(!g.lines.contains { $0.contains("audit log") }, "no entry of its own")
    }

    /// Every size from nothing up to a little past the smallest usable one draws without trapping.
    @Test func tinyTerminalsRender() throws {
        let (base, _) = try demoState()
        for width in stride(from: -1, through: 62, by: 3) {
            for height in -1...15 {
                var s = base
                s.width = width
                s.height = height
                s.overlays = [.help(scroll: 0), .details(environment: "qa", scroll: 3)]
                let g = Views.render(s)
                #expect(g.width == max(0, width) && g.height == max(0, height))
            }
        }
    }
}
