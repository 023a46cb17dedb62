// Rect: a region of the cell grid that widgets draw into, with inset, splits and clamping.
// Sizes never go below zero, so a tiny terminal gives empty rectangles rather than negative arithmetic.

/// A rectangle of cells: column `x`, row `y`, `width` columns, `height` rows.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The column just right of the rectangle and the row just below it.
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The rectangle shrunk by `dx` columns on the left and right and `dy` rows at the top and bottom.
    public func inset(dx: Int, dy: Int) -> Rect {
        inset(top: dy, left: dx, bottom: dy, right: dx)
    }

    /// Negative amounts count as zero: an inset never grows the rectangle.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let (top, left, bottom, right) = (max(0, top), max(0, left), max(0, bottom), max(0, right))
        let w = max(0, width - left - right)
        let h = max(0, height - top - bottom)
        return Rect(x: x + min(left, width), y: y + min(top, height), width: w, height: h)
    }

    /// The first `rows` rows (clamped to the height), and the rest below them.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, rows), height)
        return (
            Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n)
        )
    }

    /// The last `rows` rows (clamped to the height), and the rest above them.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, rows), height)
        return (
            Rect(x: x, y: y, width: width, height: height - n),
            Rect(x: x, y: maxY - n, width: width, height: n)
        )
    }

    /// The first `columns` columns (clamped to the width), and the rest right of them.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, columns), width)
        return (
            Rect(x: x, y: y, width: n, height: height), Rect(x: x + n, y: y, width: width - n, height: height)
        )
    }

    /// Split at a fraction of the height (0...1, clamped): the top part and the bottom part.
    public func splitTop(fraction: Double) -> (top: Rect, rest: Rect) {
        splitTop(Int((Double(height) * min(1, max(0, fraction))).rounded(.down)))
    }

    /// Split at a fraction of the width (0...1, clamped): the left part and the right part.
    public func splitLeft(fraction: Double) -> (left: Rect, rest: Rect) {
        splitLeft(Int((Double(width) * min(1, max(0, fraction))).rounded(.down)))
    }

    /// `count` side-by-side columns of equal width; the last takes what the division leaves over.
    public func columns(_ count: Int) -> [Rect] {
        guard count > 0 else { return [] }
        let w = width / count
        return (0..<count).map { i in
            Rect(x: x + i * w, y: y, width: i == count - 1 ? width - i * w : w, height: height)
        }
    }

    /// `count` stacked rows of equal height; the last takes what the division leaves over.
    public func rows(_ count: Int) -> [Rect] {
        guard count > 0 else { return [] }
        let h = height / count
        return (0..<count).map { i in
            Rect(x: x, y: y + i * h, width: width, height: i == count - 1 ? height - i * h : h)
        }
    }

    /// One row of the rectangle (row 0 is the top); empty when outside it.
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y + max(0, index), width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// The part of this rectangle inside `other` (empty, at the clamped corner, when they do not meet).
    public func clamped(to other: Rect) -> Rect {
        let left = min(max(x, other.x), other.maxX)
        let top = min(max(y, other.y), other.maxY)
        let right = max(left, min(maxX, other.maxX))
        let bottom = max(top, min(maxY, other.maxY))
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// A `width` x `height` rectangle centred in this one, neither larger than it.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width)
        let ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}
