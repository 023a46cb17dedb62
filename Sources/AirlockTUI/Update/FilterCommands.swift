// Keys in the filter field: typing narrows the screen as it goes; Enter keeps the text, Esc clears it.

extension Update {
    static func filterCommand(_ s: inout AppState, _ text: String, _ key: Key, _ command: KeyCommand?) -> [Effect] {
        var text = text
        switch command {
        case .cancel?:
            closeTop(&s)
            s.filter = ""
        case .keepFilter?:
            closeTop(&s)
            s.filter = text
        case .deleteCharacter?, .typeCharacter?:
            edit(&text, key, command)
            s.filter = text
            replaceTop(&s, .filter(text))
        default:
            // Not a key of the field.
            break
        }
        // The selection stays on something the filter shows.
        if let first = s.visibleEnvironments.first, !s.visibleEnvironments.contains(where: { $0.name == s.selected }) {
            s.selected = first.name
        }
        return []
    }
}
