// Typing into a one-line field (the filter, the jump prompt, a protected environment's name): the one editor.

extension Update {
    /// The longest text a field takes.
    static let fieldLimit = 64

    /// Applies a typing command to `text`: a printable character appended (up to `fieldLimit`), or the last one
    /// deleted; any other command leaves it as it is (the field's own handler serves those).
    static func edit(_ text: inout String, _ key: Key, _ command: KeyCommand?) {
        switch command {
        case .deleteCharacter?:
            if !text.isEmpty { text.removeLast() }
        case .typeCharacter?:
            if case .char(let ch) = key, text.count < fieldLimit { text.append(ch) }
        default:
            break
        }
    }
}
