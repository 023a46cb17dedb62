// Planning: given the snapshot (and the file text it edits), what a command writes. The rules are Authorization's.
import AirlockCore
import Foundation

/// Each command's plan: the files it writes and its audit line, once `Authorization` allows it.
enum Planning {
    /// The planner of `command` run by `actor`, reading what it needs besides the snapshot from `inputs`.
    static func planner(
        for command: Command, actor: String, confirmed: Bool, inputs: PlanInputs
    ) -> Planner {
        { (snap: Snapshot, now: Date) throws(OperationError) -> Plan in
            switch command {
            case .promote(let version, let target, let reason):
                try allow(command, actor, snap, now, confirmed)
                return try promote(version, into: target, reason: reason, actor: actor, snap, now)
            case .rollback(let target, let to, let reason):
                let current = try Self.target(Authorization.rollbackStart(target, in: snap))
                // What the environment ran, read back from the log's end only as far as the question needs.
                let history = try inputs.runHistory(target, current) { h in to.map { h.records($0) } ?? h.sawCurrentMove
                }
                try allow(command, actor, snap, now, confirmed, history: history)
                let version = to ?? history.previousOfCurrent ?? current
                return try rollback(target, from: current, to: version, reason: reason, actor: actor, snap, now)
            case .approve(let version, let target):
                try allow(command, actor, snap, now, confirmed)
                return try approve(version, for: target, actor: actor, snap, now, inputs)
            case .setItem(let version, let item, let done, let note):
                try allow(command, actor, snap, now, confirmed)
                return try setItem(item, of: version, done: done, note: note, actor: actor, snap, now, inputs)
            }
        }
    }

    static func allow(
        _ command: Command, _ actor: String, _ snap: Snapshot, _ now: Date, _ confirmed: Bool,
        history: RunHistory? = nil
    ) throws(OperationError) {
        if let refusal = Authorization.check(
            command, by: actor, on: snap, now: now, confirmed: confirmed, history: history)
        {
            throw OperationError(refusal)
        }
    }

    static func target<T>(_ found: Result<T, Refusal>) throws(OperationError) -> T {
        switch found {
        case .success(let t): return t
        case .failure(let refusal): throw OperationError(refusal)
        }
    }

    static func release(_ version: String, in snap: Snapshot) throws(OperationError) -> Release {
        if let refusal = Authorization.releaseRefusal(version, in: snap) { throw OperationError(refusal) }
        guard let release = snap.releases[version] else { throw OperationError(.failed, "no release \(version)") }
        return release
    }

    static func promote(
        _ version: String, into target: String, reason: String?, actor: String, _ snap: Snapshot, _ now: Date
    ) throws(OperationError) -> Plan {
        let t = try Self.target(Authorization.environment(target, in: snap))
        let source = t.pipeline.environments[max(0, t.index - 1)].name
        let request = PromotionRequest(
            version: version, from: source, kind: .promotion, requestedBy: actor, requestedAt: now, reason: reason)
        let entry = AuditEntry(
            at: now, actor: actor, action: .promote, version: version, environment: target,
            from: source, previous: snap.environments[target]?.version, reason: reason)
        return Plan(
            result: OperationResult(
                message: "requested \(version): \(source) -> \(target)", changed: true, entry: entry,
                hook: t.pipeline.hooks["promote"].map { HookRunner.expand($0, request: request, environment: target) }
            ),
            writes: [("promotions/\(target).yaml", PromotionFile.render(request), nil)], entry: entry)
    }

    static func rollback(
        _ target: String, from current: String, to version: String, reason: String?, actor: String,
        _ snap: Snapshot, _ now: Date
    ) throws(OperationError) -> Plan {
        let t = try Self.target(Authorization.environment(target, in: snap))
        let request = PromotionRequest(
            version: version, from: nil, kind: .rollback, requestedBy: actor, requestedAt: now, reason: reason)
        let entry = AuditEntry(
            at: now, actor: actor, action: .rollback, version: version, environment: target, previous: current,
            reason: reason)
        return Plan(
            result: OperationResult(
                message: "requested rollback of \(target): \(current) -> \(version)", changed: true, entry: entry,
                hook: t.pipeline.hooks["rollback"].map { HookRunner.expand($0, request: request, environment: target) }
            ),
            writes: [("promotions/\(target).yaml", PromotionFile.render(request), nil)], entry: entry)
    }

    static func approve(
        _ version: String, for target: String, actor: String, _ snap: Snapshot, _ now: Date, _ inputs: PlanInputs
    ) throws(OperationError) -> Plan {
        let env = try Self.target(Authorization.environment(target, in: snap)).environment
        let release = try Self.release(version, in: snap)
        if release.approvals.contains(where: { $0.by == actor && $0.environment == target }) {
            return .noChange("\(actor) already approved \(version) for \(target)")
        }
        let at = TimeFormat.wholeSeconds(now)
        let base = try inputs.releaseBytes(version)
        let text = try ReleaseFile.edit(
            base, version: version, release: release, change: .approve(Approval(by: actor, environment: target, at: at))
        )
        let entry = AuditEntry(at: now, actor: actor, action: .approve, version: version, environment: target)
        let have = Facts.approvalItem(release, entering: env).approvals.count + 1
        let need = env.requiredApprovals
        return Plan(
            result: OperationResult(
                message: "\(actor) approved \(version) for \(target)"
                    + (need > 0 ? " (\(min(have, need))/\(need))" : ""),
                changed: true, entry: entry, hook: nil),
            writes: [("releases/\(version).yaml", text, base)], entry: entry)
    }

    static func setItem(
        _ item: String, of version: String, done: Bool, note: String?, actor: String, _ snap: Snapshot, _ now: Date,
        _ inputs: PlanInputs
    ) throws(OperationError) -> Plan {
        let release = try Self.release(version, in: snap)
        if let existing = release.checklist[item], existing.done == done, note == nil || existing.note == note {
            return .noChange("\(item) of \(version) is already \(done ? "done" : "not done")")
        }
        let value = ChecklistEntry(
            done: done, by: actor, at: TimeFormat.wholeSeconds(now), note: note ?? release.checklist[item]?.note)
        let base = try inputs.releaseBytes(version)
        let text = try ReleaseFile.edit(
            base, version: version, release: release, change: .setItem(id: item, entry: value))
        let env = snap.pipeline?.environments.first { $0.gates.contains(item) }?.name
        let entry = AuditEntry(
            at: now, actor: actor, action: done ? .check : .uncheck, version: version, environment: env, item: item,
            reason: note)
        return Plan(
            result: OperationResult(
                message: "\(done ? "ticked" : "unticked") \(item) of \(version)", changed: true, entry: entry,
                hook: nil),
            writes: [("releases/\(version).yaml", text, base)], entry: entry)
    }
}
