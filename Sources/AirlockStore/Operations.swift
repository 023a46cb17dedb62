import AirlockCore
import Foundation
import Yams

/// Why a command was not carried out. Nothing was written.
public struct OperationError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case refused, badInput, failed }
    public var kind: Kind
    public var message: String
    /// Blocker codes when the rules refused a promotion.
    public var blockers: [String]

    public init(_ kind: Kind, _ message: String, blockers: [String] = []) {
        self.kind = kind; self.message = message; self.blockers = blockers
    }
    public var description: String { message }

    /// The SPEC's exit code: 1 refused by the rules, 2 bad input.
    public var exitCode: Int32 {
        switch kind {
        case .refused: return 1
        case .badInput: return 2
        case .failed: return 1
        }
    }
}

/// What a carried-out command did.
public struct OperationResult: Sendable {
    public var message: String
    /// False for a no-op (approving twice, ticking a ticked item).
    public var changed: Bool
    public var entry: AuditEntry?
    /// The hook to run now that the change is recorded, if the pipeline has one.
    public var hook: [String]?
}

/// Every change to a status root: lock, re-read, re-check the rules, write atomically, one audit line.
public struct Store: Sendable {
    public let root: String
    public let clock: @Sendable () -> Date

    public init(root: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.root = root
        self.clock = clock
    }

    /// A fresh read of the whole root.
    public func snapshot() -> Snapshot { RootLoader(root: root).load() }

    // MARK: - Shared checks

    private func checkedEnvironment(_ name: String, in snap: Snapshot) throws(OperationError) -> (Pipeline, EnvironmentConfig, Int) {
        guard let pipeline = snap.pipeline else {
            throw OperationError(.badInput, "airlock.yaml: cannot be read (run airlock check)")
        }
        if let p = snap.problems.first(where: { $0.path == "airlock.yaml" }) {
            throw OperationError(.refused, "airlock.yaml has problems; fix them first: \(p)")
        }
        guard Names.isValidEnvironment(name), let index = pipeline.index(of: name) else {
            let known = pipeline.environments.map(\.name).joined(separator: ", ")
            throw OperationError(.badInput, "unknown environment \"\(Sanitize.line(name))\" (the pipeline has: \(known))")
        }
        return (pipeline, pipeline.environments[index], index)
    }

    private static func checkVersionName(_ version: String) throws(OperationError) {
        guard Names.isValidVersion(version) else {
            throw OperationError(.badInput, "\"\(Sanitize.line(version))\" is not a valid version (letters, digits, '.', '_', '+', '-'; no paths)")
        }
    }

    private func existingRelease(_ version: String, in snap: Snapshot) throws(OperationError) -> Release {
        let rel = "releases/\(version).yaml"
        if let p = snap.problems.first(where: { $0.path == rel }) {
            throw OperationError(.badInput, "\(p.description) (fix the file first)")
        }
        guard let release = snap.releases[version] else {
            throw OperationError(.badInput, "no release \(version): \(rel) does not exist (CI creates release files)")
        }
        return release
    }

    private func locked<T>(_ body: () throws(OperationError) -> T) throws(OperationError) -> T {
        do {
            return try Files.withLock(root: root) { () throws -> T in try body() }
        } catch let e as OperationError {
            throw e
        } catch {
            throw OperationError(.failed, "\(error)")
        }
    }

    private func record(_ entry: AuditEntry) throws(OperationError) {
        do {
            try Files.appendLine(AuditLog.line(entry), to: root + "/audit.jsonl")
        } catch {
            throw OperationError(.failed, "the change was written but its audit line was not: \(error)")
        }
    }

    private func write(_ text: String, _ rel: String) throws(OperationError) {
        do {
            try Files.atomicWrite(text, to: root + "/" + rel)
        } catch {
            throw OperationError(.failed, "\(error)")
        }
    }

    private func requireApprover(_ actor: String, _ env: EnvironmentConfig, to what: String) throws(OperationError) {
        guard env.approvers.contains(actor) else {
            let list = env.approvers.isEmpty ? "nobody is listed" : "approvers: " + env.approvers.joined(separator: ", ")
            throw OperationError(.refused, "\(actor) is not an approver of \(env.name) and cannot \(what) (\(list))")
        }
    }

    // MARK: - Commands

    /// Requests the promotion of `version` into `target`.
    public func promote(version: String, to target: String, actor: String, confirmed: Bool,
                        reason: String? = nil) throws(OperationError) -> OperationResult {
        try Self.checkVersionName(version)
        return try locked { () throws(OperationError) -> OperationResult in
            let snap = snapshot()
            let now = clock()
            let (pipeline, env, index) = try checkedEnvironment(target, in: snap)
            guard index > 0 else {
                throw OperationError(.badInput, "\(target) is the first environment; nothing is promoted into it")
            }
            let source = pipeline.environments[index - 1].name
            if env.protected { try requireApprover(actor, env, to: "promote into it") }
            guard let pending = Rules.pending(into: index, snapshot: snap, now: now), pending.version == version else {
                let aRuns = snap.environments[source]?.version ?? "no version"
                let bRuns = snap.environments[target]?.version ?? "no version"
                throw OperationError(.refused, "\(version) is not waiting to enter \(target): \(source) runs \(aRuns), \(target) runs \(bRuns)")
            }
            switch pending.state {
            case .inProgress:
                throw OperationError(.refused, "\(version) into \(target) is already requested and in progress")
            case .blocked:
                let titles = Dictionary(pipeline.checklistItems.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
                let words = pending.blockers.map { "\($0.code) (\($0.explanation(now: now, titles: titles)))" }
                throw OperationError(.refused, "\(version) cannot enter \(target): " + words.joined(separator: "; "),
                                     blockers: pending.blockers.map(\.code))
            case .ready: break
            }
            if env.protected && !confirmed {
                throw OperationError(.refused, "\(target) is protected: confirm the promotion (--yes)")
            }
            let request = PromotionRequest(version: version, from: source, kind: .promotion, requestedBy: actor,
                                           requestedAt: now, reason: reason)
            try write(PromotionFile.render(request), "promotions/\(target).yaml")
            let entry = AuditEntry(at: now, actor: actor, action: .promote, version: version, environment: target,
                                   from: source, previous: snap.environments[target]?.version, reason: reason)
            try record(entry)
            return OperationResult(message: "requested \(version): \(source) -> \(target)", changed: true, entry: entry,
                                   hook: pipeline.hooks["promote"].map { HookRunner.expand($0, request: request, environment: target) })
        }
    }

    /// Requests a rollback of `target` to `to`, or to the version it ran before.
    public func rollback(environment target: String, to: String?, actor: String, confirmed: Bool,
                         reason: String? = nil) throws(OperationError) -> OperationResult {
        if let to { try Self.checkVersionName(to) }
        return try locked { () throws(OperationError) -> OperationResult in
            let snap = snapshot()
            let now = clock()
            let (pipeline, env, _) = try checkedEnvironment(target, in: snap)
            guard let current = snap.environments[target]?.version else {
                throw OperationError(.badInput, "\(target) reports no version; there is nothing to roll back")
            }
            guard let version = to ?? Rules.rollbackTarget(env: target, snapshot: snap) else {
                throw OperationError(.badInput, "no earlier version of \(target) is known from the audit log; name one with --to VERSION")
            }
            _ = try existingRelease(version, in: snap)
            if env.protected { try requireApprover(actor, env, to: "roll it back") }
            if version == current {
                throw OperationError(.refused, "\(target) already runs \(version)")
            }
            if let req = snap.promotions[target], req.version == version, req.kind == .rollback {
                throw OperationError(.refused, "a rollback of \(target) to \(version) is already requested and in progress")
            }
            if env.protected && !confirmed {
                throw OperationError(.refused, "\(target) is protected: confirm the rollback (--yes)")
            }
            let request = PromotionRequest(version: version, from: nil, kind: .rollback, requestedBy: actor,
                                           requestedAt: now, reason: reason)
            try write(PromotionFile.render(request), "promotions/\(target).yaml")
            let entry = AuditEntry(at: now, actor: actor, action: .rollback, version: version, environment: target,
                                   previous: current, reason: reason)
            try record(entry)
            return OperationResult(message: "requested rollback of \(target): \(current) -> \(version)", changed: true, entry: entry,
                                   hook: pipeline.hooks["rollback"].map { HookRunner.expand($0, request: request, environment: target) })
        }
    }

    /// Records the actor's approval of `version` for `environment`.
    public func approve(version: String, environment target: String, actor: String) throws(OperationError) -> OperationResult {
        try Self.checkVersionName(version)
        return try locked { () throws(OperationError) -> OperationResult in
            let snap = snapshot()
            let now = clock()
            let (_, env, _) = try checkedEnvironment(target, in: snap)
            let release = try existingRelease(version, in: snap)
            try requireApprover(actor, env, to: "approve")
            if release.approvals.contains(where: { $0.by == actor && $0.environment == target }) {
                return OperationResult(message: "\(actor) already approved \(version) for \(target)", changed: false, entry: nil, hook: nil)
            }
            let text = try ReleaseFile.edit(root: root, version: version) { (m: inout [(Node, Node)]) in
                ReleaseFile.appendApproval(&m, Approval(by: actor, environment: target, at: now))
            }
            try write(text, "releases/\(version).yaml")
            let entry = AuditEntry(at: now, actor: actor, action: .approve, version: version, environment: target)
            try record(entry)
            let have = Rules.approvals(of: release, for: env).count + 1
            let need = env.requiredApprovals
            return OperationResult(message: "\(actor) approved \(version) for \(target)" + (need > 0 ? " (\(min(have, need))/\(need))" : ""),
                                   changed: true, entry: entry, hook: nil)
        }
    }

    /// Ticks (`done: true`) or unticks a checklist item of a release.
    public func setChecklistItem(version: String, item: String, done: Bool, note: String?, actor: String)
        throws(OperationError) -> OperationResult {
        try Self.checkVersionName(version)
        return try locked { () throws(OperationError) -> OperationResult in
            let snap = snapshot()
            let now = clock()
            guard let pipeline = snap.pipeline else {
                throw OperationError(.badInput, "airlock.yaml: cannot be read (run airlock check)")
            }
            if item == ChecklistItem.approvalID {
                throw OperationError(.badInput, "approval is computed from recorded approvals and cannot be ticked (use approve)")
            }
            guard pipeline.isKnownItem(item) else {
                let ids = pipeline.checklistItems.filter { !$0.computed }.map(\.id).joined(separator: ", ")
                throw OperationError(.badInput, "unknown checklist item \"\(Sanitize.line(item))\" (known: \(ids))")
            }
            let release = try existingRelease(version, in: snap)
            if let existing = release.checklist[item], existing.done == done, note == nil || existing.note == note {
                return OperationResult(message: "\(item) of \(version) is already \(done ? "done" : "not done")", changed: false,
                                       entry: nil, hook: nil)
            }
            let entryValue = ChecklistEntry(done: done, by: actor, at: now, note: note ?? release.checklist[item]?.note)
            let text = try ReleaseFile.edit(root: root, version: version) { (m: inout [(Node, Node)]) in
                ReleaseFile.setItem(&m, id: item, entry: entryValue)
            }
            try write(text, "releases/\(version).yaml")
            let env = pipeline.environments.first { $0.gates.contains(item) }?.name
            let entry = AuditEntry(at: now, actor: actor, action: done ? .check : .uncheck, version: version,
                                   environment: env, item: item, reason: note)
            try record(entry)
            return OperationResult(message: "\(done ? "ticked" : "unticked") \(item) of \(version)", changed: true, entry: entry, hook: nil)
        }
    }
}

/// Text a person or CI wrote, made safe for one line of a terminal.
public enum Sanitize {
    /// Drops C0/C1 control characters (ESC among them) and DEL; newlines and tabs become spaces.
    public static func line(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v == 0x0A || v == 0x09 || v == 0x0D { out.append(" "); continue }
            if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) { continue }
            // Bidirectional overrides can disguise text.
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { continue }
            out.append(u)
        }
        return String(out)
    }
}
