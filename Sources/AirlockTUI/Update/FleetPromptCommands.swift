// Keys of the views over the fleet matrix: the filter field, the `:` jump prompt with completion, the merged log.

import AirlockCore
import Foundation

extension Update {
    /// Keys over the fleet matrix; nil for the views the pipeline screen's handlers serve (confirm, checklist,
    /// rollback picker, help).
    static func fleetKeyPressed(_ s: inout AppState, _ key: Key, _ command: KeyCommand?) -> [Effect]? {
        switch s.overlays.last {
        case nil: return command.map { fleetCommand(&s, $0) } ?? []
        case .filter(let text)?: return fleetFilterCommand(&s, text, key, command)
        case .jump(let text)?: return jumpCommand(&s, text, key, command)
        case .log(let scroll)?: return fleetLogCommand(&s, scroll, command)
        case .confirm?, .checklist?, .pickRollback?, .help?, .details?, .drift?, .stats?: return nil
        }
    }

    static func fleetFilterCommand(_ s: inout AppState, _ text: String, _ key: Key, _ command: KeyCommand?)
        -> [Effect]
    {
        var text = text
        switch command {
        case .cancel?:
            closeTop(&s)
            s.fleet?.filter = ""
        case .keepFilter?:
            closeTop(&s)
            s.fleet?.filter = text
        case .deleteCharacter?, .typeCharacter?:
            edit(&text, key, command)
            s.fleet?.filter = text
            replaceTop(&s, .filter(text))
        default:
            // Not a key of the field.
            break
        }
        keepCursor(&s)
        return []
    }

    /// Pipelines whose name starts with `text` (any case), in the fleet's order; an exact name alone.
    static func jumpCandidates(_ s: AppState, _ text: String) -> [String] {
        let names = s.fleet?.fleet.members.map(\.name) ?? []
        if let exact = names.first(where: { $0.caseInsensitiveCompare(text) == .orderedSame }) { return [exact] }
        return names.filter { $0.lowercased().hasPrefix(text.lowercased()) }
    }

    /// The longest start the candidates share (as the first one spells it).
    static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first.map(Array.init) else { return "" }
        for name in names.dropFirst() {
            let other = Array(name)
            var n = 0
            while n < prefix.count, n < other.count, String(prefix[n]).lowercased() == String(other[n]).lowercased() {
                n += 1
            }
            prefix = Array(prefix.prefix(n))
        }
        return String(prefix)
    }

    static func jumpCommand(_ s: inout AppState, _ text: String, _ key: Key, _ command: KeyCommand?) -> [Effect] {
        var text = text
        switch command {
        case .cancel?:
            closeTop(&s)
        case .complete?:
            let candidates = jumpCandidates(s, text)
            let completed = commonPrefix(candidates)
            if candidates.isEmpty {
                s.say("no pipeline starts with \(text)", error: true)
            } else if completed.count >= text.count {
                replaceTop(&s, .jump(completed))
            }
        case .confirm?:
            let candidates = jumpCandidates(s, text)
            guard candidates.count == 1, let name = candidates.first else {
                let why =
                    candidates.isEmpty
                    ? "no pipeline starts with \(text)"
                    : "\(candidates.count) pipelines start with \(text): Tab completes"
                s.say(why, error: true)
                return []
            }
            closeTop(&s)
            guard let m = s.fleet?.fleet.member(named: name) else { return [] }
            if s.fleet?.matches(m) == false {
                s.fleet?.filter = ""
                s.say("filter cleared to show \(name)")
            }
            s.fleet?.row = m.folder
            keepCursor(&s)
        case .deleteCharacter?, .typeCharacter?:
            edit(&text, key, command)
            replaceTop(&s, .jump(text))
        default:
            // Not a key of the prompt.
            break
        }
        return []
    }

    static func fleetLogCommand(_ s: inout AppState, _ v: Int, _ command: KeyCommand?) -> [Effect] {
        switch command {
        case .close?:
            closeTop(&s)
            s.fleet?.log = nil
        case .quit?:
            return [.quit]
        case .scroll(let step)?:
            // Never past what was read; when near its end, read more of every log.
            let want = scrolled(v, step, height: s.height)
            let held = s.fleet?.log?.entries.count ?? 0
            replaceTop(&s, .log(scroll: max(0, min(want, held - s.logRows))))
            if let page = s.fleet?.log, !page.reachedStart, want != v, s.logWant(scroll: want) > held {
                return [.readFleetLog(want: min(s.logWant(scroll: want), held + 10 * s.logRows + 100))]
            }
        default:
            // Not a key of the log view.
            break
        }
        return []
    }
}
