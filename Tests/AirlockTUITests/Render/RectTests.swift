// Rect: sizes never negative, insets and splits clamp, splits cover the rectangle exactly.

import Testing

@testable import AirlockTUI

@Suite struct RectTests {
    @Test func negativeSizesBecomeEmpty() {
        let r = Rect(x: 3, y: 4, width: -5, height: -1)
        #expect(r.width == 0 && r.height == 0 && r.isEmpty)
        #expect(r.maxX == 3 && r.maxY == 4)
    }

    @Test func insetShrinksAndNeverInverts() {
        let r = Rect(x: 10, y: 5, width: 20, height: 6)
        #expect(r.inset(dx: 2, dy: 1) == Rect(x: 12, y: 6, width: 16, height: 4))
        #expect(r.inset(top: 1, left: 3, bottom: 2, right: 4) == Rect(x: 13, y: 6, width: 13, height: 3))
        let tooMuch = r.inset(dx: 15, dy: 4)
        #expect(tooMuch.isEmpty && tooMuch.width == 0 && tooMuch.height == 0)
        #expect(tooMuch.x <= r.maxX && tooMuch.y <= r.maxY, "an over-inset stays inside: \(tooMuch)")
        #expect(Rect(x: 0, y: 0, width: 0, height: 0).inset(dx: 1, dy: 1) == Rect(x: 0, y: 0, width: 0, height: 0))
        #expect(r.inset(dx: -3, dy: -1) == r, "a negative inset does not grow the rectangle")
    }

    @Test func splitsClampToTheRectangle() {
        let r = Rect(x: 1, y: 2, width: 10, height: 5)
        #expect(r.splitTop(2) == (Rect(x: 1, y: 2, width: 10, height: 2), Rect(x: 1, y: 4, width: 10, height: 3)))
        #expect(r.splitTop(9).top == r && r.splitTop(9).rest == Rect(x: 1, y: 7, width: 10, height: 0))
        #expect(r.splitTop(-3).top.isEmpty && r.splitTop(-3).rest == r)
        #expect(r.splitBottom(2).bottom == Rect(x: 1, y: 5, width: 10, height: 2))
        #expect(r.splitBottom(2).rest == Rect(x: 1, y: 2, width: 10, height: 3))
        #expect(r.splitBottom(50).bottom == r && r.splitBottom(50).rest.height == 0)
        #expect(r.splitLeft(4) == (Rect(x: 1, y: 2, width: 4, height: 5), Rect(x: 5, y: 2, width: 6, height: 5)))
        #expect(r.splitLeft(40).left == r && r.splitLeft(40).rest.width == 0)
    }

    @Test func fractionsRoundDownAndClamp() {
        let r = Rect(x: 0, y: 0, width: 9, height: 9)
        #expect(r.splitTop(fraction: 0.5).top.height == 4)
        #expect(r.splitLeft(fraction: 1.0 / 3).left.width == 3)
        #expect(r.splitTop(fraction: 2).top == r)
        #expect(r.splitLeft(fraction: -1).left.width == 0)
    }

    @Test func columnsAndRowsGiveTheRemainderToTheLast() {
        let r = Rect(x: 2, y: 0, width: 10, height: 7)
        #expect(r.columns(3).map(\.width) == [3, 3, 4])
        #expect(r.columns(3).map(\.x) == [2, 5, 8])
        #expect(r.rows(2).map(\.height) == [3, 4])
        #expect(r.columns(0).isEmpty && r.rows(-1).isEmpty)
        // More columns than cells: all but the last are empty, nothing is negative.
        #expect(Rect(x: 0, y: 0, width: 2, height: 1).columns(5).map(\.width) == [0, 0, 0, 0, 2])
    }

    @Test func rowOutsideIsEmpty() {
        let r = Rect(x: 0, y: 3, width: 8, height: 2)
        #expect(r.row(1) == Rect(x: 0, y: 4, width: 8, height: 1))
        #expect(r.row(2).isEmpty && r.row(-1).isEmpty)
    }

    @Test func clampingKeepsTheOverlap() {
        let grid = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(Rect(x: 70, y: 20, width: 20, height: 10).clamped(to: grid) == Rect(x: 70, y: 20, width: 10, height: 4))
        #expect(Rect(x: -5, y: -2, width: 10, height: 5).clamped(to: grid) == Rect(x: 0, y: 0, width: 5, height: 3))
        #expect(Rect(x: 100, y: 30, width: 5, height: 5).clamped(to: grid).isEmpty)
        #expect(Rect(x: -20, y: 2, width: 5, height: 5).clamped(to: grid).isEmpty)
    }

    @Test func centeringNeverOverflows() {
        let r = Rect(x: 0, y: 0, width: 20, height: 10)
        #expect(r.centered(width: 10, height: 4) == Rect(x: 5, y: 3, width: 10, height: 4))
        #expect(r.centered(width: 50, height: 50) == r)
        #expect(r.centered(width: -1, height: 2).width == 0)
    }

    /// Random rectangles and cuts (seeded, the seed printed): every split covers the rectangle exactly once.
    @Test func splitsPartitionExactly() {
        let seed = UInt64(0xA1_71_0C)
        print("RectTests.splitsPartitionExactly seed \(seed)")
        var rng = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let r = Rect(
                x: Int(rng.next() % 50), y: Int(rng.next() % 50), width: Int(rng.next() % 40) - 5,
                height: Int(rng.next() % 40) - 5)
            let n = Int(rng.next() % 60) - 10
            let (top, rest) = r.splitTop(n)
            #expect(top.height + rest.height == r.height && top.maxY == rest.y && top.y == r.y && rest.maxY == r.maxY)
            let (restB, bottom) = r.splitBottom(n)
            #expect(restB.height + bottom.height == r.height && restB.maxY == bottom.y && bottom.maxY == r.maxY)
            let (left, right) = r.splitLeft(n)
            #expect(left.width + right.width == r.width && left.maxX == right.x && right.maxX == r.maxX)
            let count = Int(rng.next() % 8)
            let cols = r.columns(count)
            #expect(cols.count == count)
            if let first = cols.first, let last = cols.last {
                #expect(first.x == r.x && last.maxX == r.maxX)
                #expect(zip(cols, cols.dropFirst()).allSatisfy { $0.maxX == $1.x })
            }
            let inner = r.inset(dx: n / 4, dy: n / 5)
            #expect(inner.width >= 0 && inner.height >= 0)
            #expect(inner.clamped(to: r) == inner || inner.isEmpty)
        }
    }
}

/// A small seeded generator, so a failing case can be replayed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
