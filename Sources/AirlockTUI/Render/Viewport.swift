// Viewport: which rows of a longer list show in a window of fixed height, for every scrolling view.

/// `visible` rows of a list of `count`, starting at `start` (never past the last full window).
public struct Viewport: Equatable, Sendable {
    public let count: Int
    public let visible: Int
    public let start: Int

    /// Scrolled `offset` rows down, stopping where the last row reaches the bottom.
    public init(count: Int, visible: Int, offset: Int) {
        self.count = max(0, count)
        self.visible = max(0, visible)
        start = max(0, min(offset, self.count - self.visible))
    }

    /// Scrolled as little as needed for the row at `cursor` to show at the bottom or above.
    public init(count: Int, visible: Int, following cursor: Int) {
        self.init(count: count, visible: visible, offset: cursor - max(0, visible) + 1)
    }

    /// The indices shown.
    public var range: Range<Int> { start..<min(count, start + visible) }
    /// Some rows do not fit.
    public var scrolls: Bool { count > visible }

    /// " 3-12 of 40 " (or of `total` when the list says more exist than it holds).
    public func label(total: String? = nil) -> String {
        " \(start + 1)-\(min(count, start + visible)) of \(total ?? String(count)) "
    }
}
