// Span and Line: styled text, the values every widget hands to the grid instead of (text, role, bold) tuples.

/// Text in one look: a role, and bold or reverse on top of it.
public struct Span: Equatable, Sendable {
    public var text: String
    public var role: Role
    public var bold: Bool
    public var reverse: Bool

    public init(_ text: String, _ role: Role = .normal, bold: Bool = false, reverse: Bool = false) {
        self.text = text
        self.role = role
        self.bold = bold
        self.reverse = reverse
    }

    public var width: Int { Grid.width(of: text) }
}

/// One row of styled text, drawn left to right.
public struct Line: Equatable, Sendable {
    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }

    /// A line of one span.
    public init(_ text: String, _ role: Role = .normal, bold: Bool = false, reverse: Bool = false) {
        spans = [Span(text, role, bold: bold, reverse: reverse)]
    }

    public static let blank = Line("")

    /// The text without its looks (tests and searches read this).
    public var text: String { spans.map(\.text).joined() }
    public var width: Int { spans.reduce(0) { $0 + $1.width } }
    /// The look of the first span: a one-span line's role.
    public var role: Role { spans.first?.role ?? .normal }
    public var bold: Bool { spans.first?.bold ?? false }
}
