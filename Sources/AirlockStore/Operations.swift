import AirlockCore
import Foundation
import Yams

/// Every change to a status root: lock, re-read, re-check the rules, write atomically, one audit line.
public struct Store: Sendable {
    public let root: String
    public let clock: @Sendable () -> Date
    /// How long a command waits for another's lock on the root before it gives up.
    public var lockTimeout: TimeInterval = 30
    /// Told once, after a second of waiting, who holds the lock (the command line prints it; the dashboard shows it).
    public var onLockWait: (@Sendable (String) -> Void)?
    /// Asked while waiting for the lock; true stops the wait, before anything is read or written (the dashboard
    /// quitting while an action waits).
    public var giveUpWaitingForLock: (@Sendable () -> Bool)?
    /// How long a file planned from its bytes must stay unchanged before it is replaced (a writer that does not
    /// take the lock may be half way through it).
    public var settleTime: TimeInterval = 0.05
    /// How many times a command plans again when such a file changed under it, before it refuses.
    var replanLimit = 3
    var faults = WriteFaults()

    public init(root: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.root = root
        self.clock = clock
    }

    /// A fresh read of the whole root.
    public func snapshot() -> Snapshot { RootLoader(root: root).load() }

    // MARK: - Shared checks

    func checkedEnvironment(_ name: String, in snap: Snapshot) throws(OperationError) -> (
        Pipeline, EnvironmentConfig, Int
    ) {
        guard let pipeline = snap.pipeline else {
            throw OperationError(.badInput, "airlock.yaml: cannot be read (run airlock check)")
        }
        if let p = snap.problems.first(where: { $0.path == "airlock.yaml" }) {
            throw OperationError(.refused, "airlock.yaml has problems; fix them first: \(p)")
        }
        guard Names.isValidEnvironment(name), let index = pipeline.index(of: name) else {
            let known = pipeline.environments.map(\.name).joined(separator: ", ")
            throw OperationError(
                .badInput, "unknown environment \"\(Sanitize.line(name))\" (the pipeline has: \(known))")
        }
        return (pipeline, pipeline.environments[index], index)
    }

    static func checkVersionName(_ version: String) throws(OperationError) {
        guard Names.isValidVersion(version) else {
            throw OperationError(
                .badInput,
                "\"\(Sanitize.line(version))\" is not a valid version (letters, digits, '.', '_', '+', '-'; no paths)")
        }
    }

    func existingRelease(_ version: String, in snap: Snapshot) throws(OperationError) -> Release {
        let rel = "releases/\(version).yaml"
        if let p = snap.problems.first(where: { $0.path == rel }) {
            throw OperationError(.badInput, "\(p.description) (fix the file first)")
        }
        if let p = snap.problems.first(where: { $0.path == "releases" }) {
            throw OperationError(.badInput, "\(p.description) (fix the folder first)")
        }
        guard let release = snap.releases[version] else {
            throw OperationError(.badInput, "no release \(version): \(rel) does not exist (CI creates release files)")
        }
        return release
    }

    /// Runs `body` holding the root's lock, recorded as held by `actor` running `command`.
    private func locked<T>(
        actor: String, command: String,
        _ body: () throws(OperationError) -> T
    ) throws(OperationError) -> T {
        let holder = RootLock.Holder.current(actor: actor, command: command, now: clock())
        do {
            return try RootLock.withLock(
                root: root, holder: holder, timeout: lockTimeout, onWait: onLockWait,
                giveUp: giveUpWaitingForLock
            ) { () throws -> T in
                GitSync.excludeAirlockFiles(root: root)
                // The audit log is read before anything is planned: a FIFO or device there would block that read.
                _ = try SafeOpen.regularOrAbsent("audit.jsonl", in: SafeOpen.root(root).folder)
                return try body()
            }
        } catch let e as OperationError {
            throw e
        } catch {
            throw OperationError(.failed, "\(error)")
        }
    }

    func requireApprover(_ actor: String, _ env: EnvironmentConfig, to what: String) throws(OperationError) {
        guard env.approvers.contains(actor) else {
            let list =
                env.approvers.isEmpty ? "nobody is listed" : "approvers: " + env.approvers.joined(separator: ", ")
            throw OperationError(.refused, "\(actor) is not an approver of \(env.name) and cannot \(what) (\(list))")
        }
    }

    /// What a command will change: files to write (root-relative) and its audit line.
    struct Plan {
        var result: OperationResult
        /// Files to write: root-relative path, new text, and for a file edited in place the bytes the edit was
        /// planned from (nil for files airlock owns and replaces whole).
        var writes: [(path: String, text: String, base: [UInt8]?)] = []
        var entry: AuditEntry?

        static func noChange(_ message: String) -> Plan {
            Plan(result: OperationResult(message: message, changed: false, entry: nil, hook: nil))
        }
    }

    /// A command's rules and writes as a function of the state it finds: run again on a new state to re-apply it.
    typealias Planner = (Snapshot, Date) throws(OperationError) -> Plan

    private func gitSync(for snap: Snapshot) -> GitSync? {
        guard let cfg = snap.pipeline?.sync else { return nil }
        let g = GitSync(root: root, config: cfg)
        return g.isWorkTree ? g : nil
    }

    /// Writes a plan's files and its audit line as one unit (WriteTransaction); with git, first makes sure they
    /// hold no edits airlock did not make, and afterwards commits exactly them. Returns the file that changed under
    /// the plan instead, when one did (nothing is written then).
    private func record(_ p: Plan, entry: AuditEntry, git: GitSync?, actor: String, attempt: Int) throws(OperationError)
        -> String?
    {
        let paths = p.writes.map(\.path) + ["audit.jsonl"]
        if let git {
            let dirty: [String]
            do throws(GitSync.Failure) { dirty = try git.dirtyPaths(paths) } catch {
                throw OperationError(.failed, error.description)
            }
            if !dirty.isEmpty {
                throw OperationError(
                    .refused,
                    "\(dirty.joined(separator: ", ")) \(dirty.count == 1 ? "has" : "have") local changes airlock did not make; "
                        + "commit or stash them (git stash), then try again")
            }
        }
        do throws(StoreIOError) {
            let transaction = try WriteTransaction(root: root, writes: p.writes, auditLine: AuditLog.line(entry))
            let outcome = try transaction.commit(settle: settleTime, attempt: attempt, faults: faults)
            if case .changedUnderneath(let rel) = outcome { return rel }
        } catch {
            throw OperationError(.failed, error.description)
        }
        guard let git else { return nil }
        var message = "airlock: \(entry.action.rawValue) \(entry.version)"
        if let env = entry.environment { message += " \(env)" }
        message += " by \(actor)"
        do throws(GitSync.Failure) {
            try git.commit(paths, message: message, actor: actor)
        } catch {
            _ = try? git.git(
                ["checkout", "--"] + paths.filter { FileManager.default.fileExists(atPath: root + "/" + $0) })
            throw OperationError(.failed, "cannot commit the change, nothing was changed: \(error.description)")
        }
        return nil
    }

    /// Plans on a fresh read and records the plan; when a file the plan was built from changes under it (a writer
    /// that does not take the lock), reads and plans again, up to `replanLimit` times, then refuses naming the file.
    /// Returns the plan carried out, or the no-change plan.
    private func planAndRecord(
        _ plan: Planner, first: Snapshot?, git: GitSync?,
        actor: String
    ) throws(OperationError) -> Plan {
        var snap = first ?? snapshot()
        for attempt in 1...(replanLimit + 1) {
            let p = try plan(snap, clock())
            guard let entry = p.entry, !p.writes.isEmpty else { return p }
            guard let changed = try record(p, entry: entry, git: git, actor: actor, attempt: attempt) else { return p }
            if attempt > replanLimit {
                throw OperationError(
                    .failed,
                    "\(changed): another program kept changing it while airlock was "
                        + "writing it (\(attempt) attempts); nothing was changed, try again")
            }
            snap = snapshot()
        }
        throw OperationError(.failed, "nothing was changed")  // not reached: the last attempt returns or throws
    }

    /// What catching up with the remote did to local airlock commits that were not pushed yet.
    struct CatchUp {
        var notes: [String] = []
        var refused: [(entry: AuditEntry, reason: String)] = []
    }

    static func sameOperation(_ a: AuditEntry, _ b: AuditEntry) -> Bool {
        a.action == b.action && a.version == b.version && a.environment == b.environment && a.actor == b.actor
            && a.item == b.item
    }

    /// Brings the clone up to the remote branch. Local airlock commits the remote does not have are re-applied
    /// as operations on the remote's state (the rules checked again), not as diffs, so concurrent appends never
    /// conflict; local commits of anyone else are rebased.
    private func catchUp(_ git: GitSync) throws(GitSync.Failure) -> CatchUp {
        try git.fetch()
        if try git.aheadCount() == 0 {
            try git.fastForward()
            return CatchUp()
        }
        let subjects = try git.localSubjects()
        guard subjects.allSatisfy({ $0.hasPrefix("airlock: ") }) else {
            try git.rebase()
            return CatchUp(notes: ["rebased \(subjects.count) local commit\(subjects.count == 1 ? "" : "s")"])
        }
        // Hand edits where the operations will write would stop them half way: leave everything as it is.
        let dirty = try git.dirtyPaths(["releases", "promotions", "audit.jsonl"])
        if !dirty.isEmpty {
            throw GitSync.Failure(
                "\(dirty.joined(separator: ", ")) \(dirty.count == 1 ? "has" : "have") local changes airlock did not make; "
                    + "commit or stash them so airlock can re-apply its \(subjects.count) local change\(subjects.count == 1 ? "" : "s")"
            )
        }
        let lines = try git.localAuditLines()
        let (entries, _) = AuditLog.parse(Data(lines.joined(separator: "\n").utf8), path: "audit.jsonl", firstLine: 1)
        try git.resetToUpstream()
        var out = CatchUp()
        for e in entries {
            guard let planner = planner(for: e) else { continue }
            do throws(OperationError) {
                _ = try planAndRecord(planner, first: nil, git: git, actor: e.actor)  // a no-change plan: already so
            } catch {
                out.refused.append((e, error.message))
                out.notes.append("dropped \(e.action.rawValue) \(e.version) by \(e.actor): \(error.message)")
            }
        }
        return out
    }

    /// The operation an audit line records, to re-apply it.
    func planner(for e: AuditEntry) -> Planner? {
        switch e.action {
        case .promote:
            guard let env = e.environment else { return nil }
            return promotePlanner(version: e.version, to: env, actor: e.actor, confirmed: true, reason: e.reason)
        case .rollback:
            guard let env = e.environment else { return nil }
            return rollbackPlanner(environment: env, to: e.version, actor: e.actor, confirmed: true, reason: e.reason)
        case .approve:
            guard let env = e.environment else { return nil }
            return approvePlanner(version: e.version, environment: env, actor: e.actor)
        case .check, .uncheck:
            guard let item = e.item else { return nil }
            return itemPlanner(version: e.version, item: item, done: e.action == .check, note: e.reason, actor: e.actor)
        }
    }

    /// The one door every change goes through: lock; with git, catch up with the remote first; re-read and
    /// re-check the rules; write atomically; one audit line; with git, one commit pushed at once, and on a rejected
    /// push, catch up again (re-applying the operation on the new state) and retry, up to five times.
    /// `command` is what the lock file records as running (the caller's name: `#function` at the call site).
    func perform(
        actor: String, command: String = #function,
        _ plan: Planner
    ) throws(OperationError) -> OperationResult {
        try locked(actor: actor, command: Self.commandName(command)) { () throws(OperationError) -> OperationResult in
            let first = snapshot()
            let git = gitSync(for: first)
            var notes: [String] = []
            var warning: String?
            if let git {
                do throws(GitSync.Failure) { notes += try catchUp(git).notes } catch {
                    warning = "could not sync before the change (\(error.description)); checked against the local copy"
                }
            }
            var p = try planAndRecord(plan, first: git == nil ? first : nil, git: git, actor: actor)
            guard let entry = p.entry, !p.writes.isEmpty else { return p.result }
            guard let git else { return p.result }
            for attempt in 1...5 {
                do throws(GitSync.Failure) {
                    try git.push()
                    if attempt > 1 { p.result.message += " (pushed after \(attempt) attempts)" }
                    if !notes.isEmpty { p.result.message += "; " + notes.joined(separator: "; ") }
                    return p.result
                } catch  where error.rejected {
                    // Someone else pushed first: take their state and re-apply the operation(s) on it.
                    let outcome: CatchUp
                    do throws(GitSync.Failure) { outcome = try catchUp(git) } catch {
                        p.result.warning =
                            "committed locally, not pushed (\(error.description)); airlock sync pushes it"
                        return p.result
                    }
                    if let refused = outcome.refused.first(where: { Self.sameOperation($0.entry, entry) }) {
                        _ = try? git.push()  // whatever else was re-applied still goes out
                        throw OperationError(.refused, "\(refused.reason) (someone else changed it first)")
                    }
                    notes += outcome.notes
                    continue
                } catch {
                    p.result.warning =
                        (warning.map { $0 + "; " } ?? "")
                        + "committed locally, not pushed (\(error.description)); airlock sync pushes it"
                    return p.result
                }
            }
            p.result.warning =
                "committed locally, not pushed: the remote kept moving (5 attempts); airlock sync retries"
            return p.result
        }
    }

    /// The command a public operation's name stands for, as people type it (`setChecklistItem(...)` is `checklist`).
    static func commandName(_ function: String) -> String {
        let name = function.prefix { $0 != "(" }
        return name == "setChecklistItem" ? "checklist" : String(name)
    }

    /// Catch up with the remote (re-applying local airlock commits as operations), then push what is local.
    public func sync() throws(OperationError) -> String {
        try locked(actor: Identity.actor(), command: "sync") { () throws(OperationError) -> String in
            guard let cfg = snapshot().pipeline?.sync else {
                throw OperationError(.refused, "sync.git is not set in airlock.yaml; there is nothing to sync")
            }
            let git = GitSync(root: root, config: cfg)
            guard git.isWorkTree else { throw OperationError(.refused, "\(root) is not inside a git work tree") }
            do throws(GitSync.Failure) {
                let outcome = try catchUp(git)
                let ahead = try git.aheadCount()
                var text = "synced with \(cfg.remote)/\(cfg.branch)"
                if ahead > 0 {
                    try git.push()
                    text += "; pushed \(ahead) local commit\(ahead == 1 ? "" : "s")"
                }
                if !outcome.notes.isEmpty { text += "; " + outcome.notes.joined(separator: "; ") }
                return text
            } catch {
                throw OperationError(.refused, "cannot sync: \(error.description)")
            }
        }
    }
}
