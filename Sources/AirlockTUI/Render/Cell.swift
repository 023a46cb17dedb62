// Cell and Role: what one screen cell holds, a character and what it means (a theme gives the look).

/// What a cell means; a theme turns roles into colors and attributes.
public enum Role: String, CaseIterable, Sendable {
    case normal, dim, title, border, borderFocus, header, selected
    case healthy, degraded, down, unknown, stale
    case ready, blocked
    case inProgress = "in-progress"
    case keybar
    case keyName = "key"
    case status, error, success, accent, added, removed, changed, overlay
}

public struct Cell: Equatable, Sendable {
    public var char: Unicode.Scalar
    public var role: Role
    /// Bold and reverse on top of the role (selection, emphasis).
    public var bold: Bool
    public var reverse: Bool
    /// A cell covered by the right half of a wide character.
    public var continuation: Bool

    public static let blank = Cell(char: " ", role: .normal, bold: false, reverse: false, continuation: false)
}
