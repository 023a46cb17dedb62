// Promote, approve and roll back from the main screen: what the selection allows, and the confirm dialog to open.

import AirlockCore
import AirlockStore
import Foundation

extension Update {
    /// Says `refusal` on the status line; true when there was one (the action stops there).
    private static func refused(_ s: inout AppState, _ refusal: Refusal?) -> Bool {
        guard let refusal else { return false }
        s.say(refusal.message, error: true)
        return true
    }

    static func promote(_ s: inout AppState) -> [Effect] {
        guard let env = s.selected, let cfg = s.pipeline?.environment(named: env) else { return [] }
        guard let p = s.selectedPending else {
            _ = refused(&s, .nothingWaiting(env))
            return []
        }
        let command = Command.promote(version: p.version, to: env, reason: nil)
        if refused(&s, Authorization.check(command, by: s.actor, on: s.snapshot, now: s.now)) { return [] }
        s.overlays.append(
            .confirm(
                Confirmation(
                    action: .promote(version: p.version, to: env),
                    prompt: "Promote \(p.version) from \(p.from) into \(env)?",
                    typeToConfirm: cfg.protected ? env : nil)))
        return []
    }

    static func approve(_ s: inout AppState) -> [Effect] {
        guard let env = s.selected else { return [] }
        guard let p = s.selectedPending else {
            _ = refused(&s, .nothingToApprove(env))
            return []
        }
        let command = Command.approve(version: p.version, environment: env)
        if refused(&s, Authorization.check(command, by: s.actor, on: s.snapshot, now: s.now)) { return [] }
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
        guard let env = s.selected else { return [] }
        // Without the history: the environment, the version it runs, the approver rule. The store asks again, with
        // the audit log's history, before it writes.
        let command = Command.rollback(environment: env, to: nil, reason: nil)
        if refused(&s, Authorization.check(command, by: s.actor, on: s.snapshot, now: s.now)) { return [] }
        guard let current = s.snapshot.environments[env]?.version else { return [] }
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
