// The commands that change a root: each one's rules as a planner of the files it writes and its audit line.
import AirlockCore
import Foundation

extension Store {
    /// Requests the promotion of `version` into `target`.
    public func promote(
        version: String, to target: String, actor: String, confirmed: Bool,
        reason: String? = nil
    ) throws(OperationError) -> OperationResult {
        try Self.checkVersionName(version)
        return try perform(
            actor: actor,
            promotePlanner(version: version, to: target, actor: actor, confirmed: confirmed, reason: reason))
    }

    func promotePlanner(version: String, to target: String, actor: String, confirmed: Bool, reason: String?) -> Planner
    {
        { (snap: Snapshot, now: Date) throws(OperationError) -> Plan in
            let (pipeline, env, index) = try checkedEnvironment(target, in: snap)
            guard index > 0 else {
                throw OperationError(.badInput, "\(target) is the first environment; nothing is promoted into it")
            }
            let source = pipeline.environments[index - 1].name
            if env.protected { try requireApprover(actor, env, to: "promote into it") }
            guard let pending = Rules.pending(into: index, snapshot: snap, now: now), pending.version == version else {
                let aRuns = snap.environments[source]?.version ?? "no version"
                let bRuns = snap.environments[target]?.version ?? "no version"
                throw OperationError(
                    .refused,
                    "\(version) is not waiting to enter \(target): \(source) runs \(aRuns), \(target) runs \(bRuns)")
            }
            switch pending.state {
            case .inProgress:
                throw OperationError(.refused, "\(version) into \(target) is already requested and in progress")
            case .blocked:
                let titles = Dictionary(
                    pipeline.checklistItems.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
                let words = pending.blockers.map { "\($0.code) (\($0.explanation(now: now, titles: titles)))" }
                throw OperationError(
                    .refused, "\(version) cannot enter \(target): " + words.joined(separator: "; "),
                    blockers: pending.blockers.map(\.code))
            case .ready: break
            }
            if env.protected && !confirmed {
                throw OperationError(.refused, "\(target) is protected: confirm the promotion (--yes)")
            }
            let request = PromotionRequest(
                version: version, from: source, kind: .promotion, requestedBy: actor,
                requestedAt: now, reason: reason)
            let entry = AuditEntry(
                at: now, actor: actor, action: .promote, version: version, environment: target,
                from: source, previous: snap.environments[target]?.version, reason: reason)
            return Plan(
                result: OperationResult(
                    message: "requested \(version): \(source) -> \(target)", changed: true, entry: entry,
                    hook: pipeline.hooks["promote"].map { HookRunner.expand($0, request: request, environment: target) }
                ),
                writes: [("promotions/\(target).yaml", PromotionFile.render(request), nil)], entry: entry)
        }
    }

    /// Requests a rollback of `target` to `to`, or to the version it ran before.
    public func rollback(
        environment target: String, to: String?, actor: String, confirmed: Bool,
        reason: String? = nil
    ) throws(OperationError) -> OperationResult {
        if let to { try Self.checkVersionName(to) }
        return try perform(
            actor: actor,
            rollbackPlanner(environment: target, to: to, actor: actor, confirmed: confirmed, reason: reason))
    }

    func rollbackPlanner(environment target: String, to: String?, actor: String, confirmed: Bool, reason: String?)
        -> Planner
    {
        { (snap: Snapshot, now: Date) throws(OperationError) -> Plan in
            let (pipeline, env, _) = try checkedEnvironment(target, in: snap)
            guard let current = snap.environments[target]?.version else {
                throw OperationError(.badInput, "\(target) reports no version; there is nothing to roll back")
            }
            // What the environment ran, read back from the log's end only as far as the question needs.
            let history: RunHistory
            switch AuditScan.history(
                root: root, environment: target, current: current,
                until: { h in
                    to.map { h.records($0) } ?? h.sawCurrentMove
                })
            {
            case .success(let h): history = h
            case .failure(let e): throw OperationError(.refused, "\(e.problem) (a rollback needs what \(target) ran)")
            }
            guard let version = to ?? history.previousOfCurrent else {
                throw OperationError(
                    .badInput, "no earlier version of \(target) is known from the audit log; name one with --to VERSION"
                )
            }
            _ = try existingRelease(version, in: snap)
            if env.protected { try requireApprover(actor, env, to: "roll it back") }
            if version == current {
                throw OperationError(.refused, "\(target) already runs \(version)")
            }
            if let req = snap.promotions[target], req.version == version, req.kind == .rollback {
                throw OperationError(
                    .refused, "a rollback of \(target) to \(version) is already requested and in progress")
            }
            if env.protected && !confirmed {
                throw OperationError(.refused, "\(target) is protected: confirm the rollback (--yes)")
            }
            if let refusal = Rules.rollbackRefusal(
                env: target, current: current, target: version, history: history,
                releases: snap.releases)
            {
                throw OperationError(.refused, "cannot roll \(target) back to \(version): \(refusal)")
            }
            let request = PromotionRequest(
                version: version, from: nil, kind: .rollback, requestedBy: actor,
                requestedAt: now, reason: reason)
            let entry = AuditEntry(
                at: now, actor: actor, action: .rollback, version: version, environment: target,
                previous: current, reason: reason)
            return Plan(
                result: OperationResult(
                    message: "requested rollback of \(target): \(current) -> \(version)", changed: true, entry: entry,
                    hook: pipeline.hooks["rollback"].map {
                        HookRunner.expand($0, request: request, environment: target)
                    }),
                writes: [("promotions/\(target).yaml", PromotionFile.render(request), nil)], entry: entry)
        }
    }

    /// Records the actor's approval of `version` for `environment`.
    public func approve(version: String, environment target: String, actor: String) throws(OperationError)
        -> OperationResult
    {
        try Self.checkVersionName(version)
        return try perform(actor: actor, approvePlanner(version: version, environment: target, actor: actor))
    }

    func approvePlanner(version: String, environment target: String, actor: String) -> Planner {
        { (snap: Snapshot, now: Date) throws(OperationError) -> Plan in
            let (_, env, _) = try checkedEnvironment(target, in: snap)
            let release = try existingRelease(version, in: snap)
            try requireApprover(actor, env, to: "approve")
            if release.approvals.contains(where: { $0.by == actor && $0.environment == target }) {
                return .noChange("\(actor) already approved \(version) for \(target)")
            }
            let at = TimeFormat.wholeSeconds(now)
            let base = try ReleaseFile.read(root: root, version: version)
            let text = try ReleaseFile.edit(
                base, version: version, release: release,
                change: .approve(Approval(by: actor, environment: target, at: at)))
            let entry = AuditEntry(at: now, actor: actor, action: .approve, version: version, environment: target)
            let have = Rules.approvals(of: release, for: env).count + 1
            let need = env.requiredApprovals
            return Plan(
                result: OperationResult(
                    message: "\(actor) approved \(version) for \(target)"
                        + (need > 0 ? " (\(min(have, need))/\(need))" : ""),
                    changed: true, entry: entry, hook: nil),
                writes: [("releases/\(version).yaml", text, base)], entry: entry)
        }
    }

    /// Ticks (`done: true`) or unticks a checklist item of a release.
    public func setChecklistItem(version: String, item: String, done: Bool, note: String?, actor: String)
        throws(OperationError) -> OperationResult
    {
        try Self.checkVersionName(version)
        return try perform(
            actor: actor, itemPlanner(version: version, item: item, done: done, note: note, actor: actor))
    }

    func itemPlanner(version: String, item: String, done: Bool, note: String?, actor: String) -> Planner {
        { (snap: Snapshot, now: Date) throws(OperationError) -> Plan in
            guard let pipeline = snap.pipeline else {
                throw OperationError(.badInput, "airlock.yaml: cannot be read (run airlock check)")
            }
            if item == ChecklistItem.approvalID {
                throw OperationError(
                    .badInput, "approval is computed from recorded approvals and cannot be ticked (use approve)")
            }
            guard pipeline.isKnownItem(item) else {
                let ids = pipeline.checklistItems.filter { !$0.computed }.map(\.id).joined(separator: ", ")
                throw OperationError(.badInput, "unknown checklist item \"\(Sanitize.line(item))\" (known: \(ids))")
            }
            let release = try existingRelease(version, in: snap)
            if let existing = release.checklist[item], existing.done == done, note == nil || existing.note == note {
                return .noChange("\(item) of \(version) is already \(done ? "done" : "not done")")
            }
            let value = ChecklistEntry(
                done: done, by: actor, at: TimeFormat.wholeSeconds(now), note: note ?? release.checklist[item]?.note)
            let base = try ReleaseFile.read(root: root, version: version)
            let text = try ReleaseFile.edit(
                base, version: version, release: release, change: .setItem(id: item, entry: value))
            let env = pipeline.environments.first { $0.gates.contains(item) }?.name
            let entry = AuditEntry(
                at: now, actor: actor, action: done ? .check : .uncheck, version: version,
                environment: env, item: item, reason: note)
            return Plan(
                result: OperationResult(
                    message: "\(done ? "ticked" : "unticked") \(item) of \(version)", changed: true, entry: entry,
                    hook: nil),
                writes: [("releases/\(version).yaml", text, base)], entry: entry)
        }
    }
}
