// The question the confirm dialog asks before an action runs.

/// An action waiting for the operator's yes (or, for a protected environment, its typed name).
public struct Confirmation: Equatable, Sendable {
    public var action: Action
    public var prompt: String
    /// For a protected environment the operator types its name.
    public var typeToConfirm: String?
    public var typed: String = ""
    /// How far the list of what ships (a promotion's) is scrolled.
    public var scroll: Int = 0
}
