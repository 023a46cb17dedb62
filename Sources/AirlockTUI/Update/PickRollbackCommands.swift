// Keys in the rollback picker: choose among the versions the audit log says the environment ran.

extension Update {
    static func pickRollbackCommand(
        _ s: inout AppState, env: String, versions: [String], cursor: Int, _ command: KeyCommand?
    ) -> [Effect] {
        switch command {
        case .cancel?:
            closeTop(&s)
            s.say("cancelled")
        case .scroll(.lineDown)?:
            replaceTop(
                &s, .pickRollback(environment: env, versions: versions, cursor: min(versions.count - 1, cursor + 1)))
        case .scroll(.lineUp)?:
            replaceTop(&s, .pickRollback(environment: env, versions: versions, cursor: max(0, cursor - 1)))
        case .choose?:
            closeTop(&s)
            if versions.indices.contains(cursor) { confirmRollback(&s, env: env, to: versions[cursor]) }
        default:
            // Not a key of the picker.
            break
        }
        return []
    }
}
