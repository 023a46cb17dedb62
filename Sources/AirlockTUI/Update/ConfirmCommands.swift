// Keys in the confirm dialog: yes or no, or the protected environment's name typed out; scrolling what ships.

extension Update {
    static func confirmCommand(_ s: inout AppState, _ c: Confirmation, _ key: Key, _ command: KeyCommand?)
        -> [Effect]
    {
        var c = c
        switch command {
        case .cancel?:
            closeTop(&s)
            s.say("cancelled")
        case .confirm?:
            if let name = c.typeToConfirm, c.typed != name {
                s.say("type \(name) exactly to confirm, or Esc to cancel", error: true)
                return []
            }
            if refuseWhileBusy(&s) { return [] }
            closeTop(&s)
            return start(&s, c.action, saying: "\(c.action.verb)…")
        case .scroll(let step)?:
            // Within what ships: never past its end, so the way back is as long as the way there.
            let moved = min(scrolled(c.scroll, step, height: s.height), ConfirmOverlay.maxScroll(s, c))
            if moved != c.scroll {
                c.scroll = moved
                replaceTop(&s, .confirm(c))
            }
        case .deleteCharacter?, .typeCharacter?:
            let before = c.typed
            edit(&c.typed, key, command)
            if c.typed != before { replaceTop(&s, .confirm(c)) }
        default:
            // Not a key of this dialog.
            break
        }
        return []
    }
}
