// Promote, approve and roll back from the main screen: what the selection allows, and the confirm dialog to open.

import AirlockCore
import AirlockStore
import Foundation

extension Update {
    static func blockedWords(_ s: AppState, _ p: PendingPromotion) -> String {
        p.blockers.map { $0.explanation(now: s.now, titles: [:]) }.joined(separator: "; ")
    }

    static func promote(_ s: inout AppState) -> [Effect] {
        guard let env = s.selected, let cfg = s.pipeline?.environment(named: env) else { return [] }
        guard let p = s.selectedPending else {
            s.say("nothing is waiting to enter \(env)", error: true)
            return []
        }
        switch p.state {
        case .inProgress:
            s.say("\(p.version) into \(env) is already requested and in progress", error: true)
        case .blocked:
            s.say("\(p.version) cannot enter \(env): \(blockedWords(s, p))", error: true)
        case .ready:
            if cfg.protected && !cfg.approvers.contains(s.actor) {
                s.say("\(s.actor) is not an approver of \(env) and cannot promote into it", error: true)
                return []
            }
            s.overlays.append(
                .confirm(
                    Confirmation(
                        action: .promote(version: p.version, to: env),
                        prompt: "Promote \(p.version) from \(p.from) into \(env)?",
                        typeToConfirm: cfg.protected ? env : nil)))
        }
        return []
    }

    static func approve(_ s: inout AppState) -> [Effect] {
        guard let env = s.selected, let cfg = s.pipeline?.environment(named: env) else { return [] }
        guard let p = s.selectedPending else {
            s.say("nothing is waiting to enter \(env), so there is nothing to approve", error: true)
            return []
        }
        guard cfg.approvers.contains(s.actor) else {
            s.say("\(s.actor) is not an approver of \(env)", error: true)
            return []
        }
        if s.snapshot.releases[p.version]?.approvals.contains(where: { $0.by == s.actor && $0.environment == env })
            == true
        {
            s.say("\(s.actor) already approved \(p.version) for \(env)")
            return []
        }
        s.overlays.append(
            .confirm(
                Confirmation(
                    action: .approve(version: p.version, environment: env),
                    prompt: "Approve \(p.version) for \(env) as \(s.actor)?", typeToConfirm: nil)))
        return []
    }

    static func rollback(_ s: inout AppState) -> [Effect] {
        guard let env = s.selected, let cfg = s.pipeline?.environment(named: env) else { return [] }
        guard let current = s.snapshot.environments[env]?.version else {
            s.say("\(env) reports no version; there is nothing to roll back", error: true)
            return []
        }
        if cfg.protected && !cfg.approvers.contains(s.actor) {
            s.say("\(s.actor) is not an approver of \(env) and cannot roll it back", error: true)
            return []
        }
        // The recent lines usually say what ran before; otherwise the store reads further back in the log.
        guard let target = Rules.rollbackTarget(env: env, snapshot: s.snapshot),
            ReleaseOrder.precedes(target, current, releases: s.snapshot.releases)
        else {
            s.say("reading what \(env) ran before \(current)…")
            return [.findRollback(environment: env)]
        }
        confirmRollback(&s, env: env, to: target)
        return []
    }

    /// Offers what the store found a rollback may return to: its default target, else only the allowed versions.
    static func rollbackChoices(_ s: inout AppState, _ c: RollbackChoices) {
        let env = c.environment
        if let error = c.error {
            s.say("cannot roll \(env) back: \(error)", error: true)
        } else if let target = c.target {
            confirmRollback(&s, env: env, to: target)
        } else if c.versions.isEmpty {
            s.say(
                "no earlier version \(env) ran is known; nothing to roll back to (to move it, use promote)",
                error: true)
        } else {
            s.say("the audit log does not say what \(env) ran before \(c.current): choose a version")
            s.overlays.append(.pickRollback(environment: env, versions: c.versions, cursor: 0))
        }
    }

    static func confirmRollback(_ s: inout AppState, env: String, to target: String) {
        guard let cfg = s.pipeline?.environment(named: env) else { return }
        let current = s.snapshot.environments[env]?.version ?? "—"
        s.overlays.append(
            .confirm(
                Confirmation(
                    action: .rollback(environment: env, to: target),
                    prompt: "Roll \(env) back from \(current) to \(target)?",
                    typeToConfirm: cfg.protected ? env : nil)))
    }
}
