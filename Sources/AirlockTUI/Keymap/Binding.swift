// One binding of the keymap: the keys, what each produces, and how the key bar and the help screen show it.

/// A key, or any printable character (typing into a text field).
public enum KeyPattern: Equatable, Sendable {
    case key(Key)
    case anyCharacter
}

/// One key of a binding and the command it produces.
public struct KeyStroke: Equatable, Sendable {
    public var pattern: KeyPattern
    public var command: KeyCommand
}

/// How the key bar shows a binding: its key, its label, and its place from the left.
public struct KeyHint: Equatable, Sendable {
    public var key: String
    public var label: String
    public var slot: Int
}

/// A line of the help screen: the keys as written there, and what they do.
public struct HelpEntry: Equatable, Sendable {
    public var keys: String
    public var text: String
}

/// Keys that belong together under one label (↑ and ↓ both "scroll").
public struct Binding: Equatable, Sendable {
    public var strokes: [KeyStroke]
    public var hint: KeyHint?
    public var help: HelpEntry?

    init(_ strokes: [KeyStroke], hint: KeyHint? = nil, help: HelpEntry? = nil) {
        self.strokes = strokes
        self.hint = hint
        self.help = help
    }

    /// The same command for every key listed.
    init(_ keys: [Key], _ command: KeyCommand, hint: KeyHint? = nil, help: HelpEntry? = nil) {
        self.init(keys.map { KeyStroke(pattern: .key($0), command: command) }, hint: hint, help: help)
    }
}

extension KeyStroke {
    static func on(_ keys: [Key], _ command: KeyCommand) -> [KeyStroke] {
        keys.map { KeyStroke(pattern: .key($0), command: command) }
    }
}

extension KeyHint {
    /// A hint; `slot` orders the key bar from the left (hints built outside the keymap keep their given order).
    public init(_ key: String, _ label: String, slot: Int = 0) {
        self.init(key: key, label: label, slot: slot)
    }
}

extension HelpEntry {
    public init(_ keys: String, _ text: String) {
        self.init(keys: keys, text: text)
    }
}
