// Keys in a release's checklist: move the cursor, tick or untick the item under it.

import AirlockCore

extension Update {
    /// The items a release's checklist shows, in order.
    public static func checklistRows(_ s: AppState) -> [ChecklistItem] {
        Facts.checklistItems(s.pipeline)
    }

    static func checklistCommand(
        _ s: inout AppState, version: String, target: String?, cursor: Int, _ command: KeyCommand?
    ) -> [Effect] {
        let items = checklistRows(s)
        switch command {
        case .toggleItem?:
            guard items.indices.contains(cursor) else { break }
            let item = items[cursor]
            if item.computed {
                s.say("approval is computed from recorded approvals; press a on the release to approve", error: true)
                break
            }
            // Ticks queue behind whatever runs (they run no hook; the action queue keeps them in order).
            let done = s.snapshot.releases[version]?.isDone(item.id) == true
            return start(
                &s, .setItem(version: version, item: item.id, done: !done),
                saying: "\(done ? "unticking" : "ticking") \(item.id)…")
        case .close?:
            closeTop(&s)
        case .quit?:
            return [.quit]
        default:
            // A move, or a key of no binding: either way the cursor stays on an item.
            var next = cursor
            if case .scroll(let step)? = command {
                next = step == .bottom ? items.count - 1 : scrolled(cursor, step, height: s.height)
            }
            next = min(max(0, next), max(0, items.count - 1))
            replaceTop(&s, .checklist(version: version, target: target, cursor: next))
        }
        return []
    }
}
