// Keys on the main screen: moving the selection, opening views, starting actions.

import AirlockCore
import Foundation

extension Update {
    static func mainCommand(_ s: inout AppState, _ command: KeyCommand) -> [Effect] {
        switch command {
        case .nextEnvironment: moveEnvironment(&s, by: 1)
        case .previousEnvironment: moveEnvironment(&s, by: -1)
        case .nextRow: movePending(&s, by: 1)
        case .previousRow: movePending(&s, by: -1)
        case .quit: return [.quit]
        case .repaint: return [.repaint]
        case .openHelp: s.overlays.append(.help(scroll: 0))
        case .openLog:
            s.overlays.append(.log(scroll: 0))
            s.logPage = nil
            return [.readLog(want: s.logWant(scroll: 0))]
        case .nextTheme: return chooseNextTheme(&s)
        case .openFilter: s.overlays.append(.filter(s.filter))
        case .clearFilter:
            if !s.filter.isEmpty {
                s.filter = ""
                s.say("filter cleared")
            }
        case .openDetails:
            if let env = s.selected { s.overlays.append(.details(environment: env, scroll: 0)) }
        case .openDrift: openDrift(&s)
        case .openStats: return openStats(&s)
        case .openChecklist: openChecklist(&s)
        case .promote: return promote(&s)
        case .approve: return approve(&s)
        case .rollback: return rollback(&s)
        case .close, .scroll, .toggleItem, .confirm, .cancel, .choose, .typeCharacter, .deleteCharacter, .keepFilter,
            .openPipeline, .nextSort, .openJump, .complete:
            // Commands of the views over the main screen and of the fleet; the main keymap binds none of them.
            break
        }
        return []
    }

    /// The theme after the current one in the catalog's order; the runtime loads it.
    static func chooseNextTheme(_ s: inout AppState) -> [Effect] {
        let names = s.themeNames
        let i = names.firstIndex(of: s.themeName) ?? -1
        s.themeName = names.isEmpty ? "default" : names[(i + 1) % names.count]
        return [.nextTheme]
    }

    static func moveEnvironment(_ s: inout AppState, by delta: Int) {
        let envs = s.visibleEnvironments.map(\.name)
        guard !envs.isEmpty else { return }
        let i = s.selected.flatMap { envs.firstIndex(of: $0) } ?? 0
        s.selected = envs[(i + delta + envs.count) % envs.count]
    }

    static func movePending(_ s: inout AppState, by delta: Int) {
        let rows = s.visiblePending
        guard !rows.isEmpty else {
            moveEnvironment(&s, by: delta)
            return
        }
        if let i = rows.firstIndex(where: { $0.to == s.selected }) {
            let j = max(0, min(rows.count - 1, i + delta))
            s.selected = rows[j].to
        } else {
            s.selected = (delta > 0 ? rows.first : rows.last)?.to
        }
    }

    static func openDrift(_ s: inout AppState) {
        guard let env = s.selected, let p = s.pipeline, let i = p.index(of: env) else { return }
        if i + 1 < p.environments.count {
            s.overlays.append(.drift(environment: env, scroll: 0))
        } else {
            s.say("\(env) is the last environment; select one with a next to compare", error: true)
        }
    }

    static func openChecklist(_ s: inout AppState) {
        guard let version = s.selectedRelease else {
            s.say("no release selected", error: true)
            return
        }
        // The environment the release heads for: the one it waits to enter, else the one after where it runs.
        let next = s.selected.flatMap { sel in s.pipeline?.index(of: sel) }.flatMap { i in
            i + 1 < (s.pipeline?.environments.count ?? 0) ? s.pipeline?.environments[i + 1].name : nil
        }
        s.overlays.append(.checklist(version: version, target: s.selectedPending?.to ?? next, cursor: 0))
    }
}
