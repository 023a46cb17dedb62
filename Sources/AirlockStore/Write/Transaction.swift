// The transaction: under the root's lock, plan on a fresh read, write the files and the audit line as one unit,
// commit with git; the one door every change goes through.
import AirlockCore
import Foundation

extension Store {
    /// Runs `body` holding the root's lock, recorded as held by `actor` running `command`.
    func locked<T>(
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

    /// Writes a plan's files and its audit lines as one unit (WriteTransaction); with git, first makes sure they
    /// hold no edits airlock did not make, and afterwards commits exactly them (not a local-only plan: a heartbeat).
    /// Returns the file that changed under the plan instead, when one did (nothing is written then).
    private func record(_ p: Plan, git: GitSync?, actor: String, attempt: Int) throws(OperationError) -> String? {
        let entries = p.entries
        let paths = p.writes.map(\.path) + (entries.isEmpty ? [] : ["audit.jsonl"])
        let git = p.localOnly ? nil : git
        if let git {
            let dirty: [String]
            do throws(GitSync.Failure) { dirty = try git.dirtyPaths(paths) } catch {
                throw OperationError(.failed, error.description)
            }
            let blocking = dirty.filter { !p.ownedWhole.contains($0) }
            if !blocking.isEmpty {
                throw OperationError(
                    .refused,
                    GitSync.notAirlocks(blocking) + "; commit or stash them (git stash), then try again")
            }
        }
        do throws(StoreIOError) {
            let transaction = try WriteTransaction(
                root: root, writes: p.writes, auditLine: entries.map(AuditLog.line).joined())
            let outcome = try transaction.commit(settle: settleTime, attempt: attempt, faults: faults)
            if case .changedUnderneath(let rel) = outcome { return rel }
        } catch {
            throw OperationError(.failed, error.description)
        }
        guard let git else { return nil }
        var message = p.subject ?? ""
        if let entry = p.entry, p.subject == nil {
            message = "airlock: \(entry.action.rawValue) \(entry.version)"
            if let env = entry.environment { message += " \(env)" }
            message += " by \(actor)"
        }
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
    func planAndRecord(
        _ plan: Planner, first: Snapshot?, git: GitSync?,
        actor: String
    ) throws(OperationError) -> Plan {
        var snap = first ?? snapshot()
        for attempt in 1...(replanLimit + 1) {
            let p = try plan(snap, clock())
            guard p.records else { return p }
            guard let changed = try record(p, git: git, actor: actor, attempt: attempt) else { return p }
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

    /// The one door every change goes through: lock; with git, catch up with the remote first; re-read and
    /// re-check the rules; write atomically; one audit line; with git, one commit pushed at once, and on a rejected
    /// push, catch up again (re-applying the operation on the new state) and retry, up to five times.
    /// `command` is what the lock file records as running (`Command.name`: promote, rollback, approve, checklist).
    func perform(
        actor: String, command: String,
        _ plan: Planner
    ) throws(OperationError) -> OperationResult {
        try locked(actor: actor, command: command) { () throws(OperationError) -> OperationResult in
            let first = snapshot()
            let git = gitSync(for: first)
            // Pipelines sharing one work tree (a fleet in one repository) run their git work one at a time.
            return try withWorkTreeLock(git, actor: actor, command: command) {
                () throws(OperationError) -> OperationResult in
                var notes: [String] = []
                var warning: String?
                // A heartbeat is written locally without asking the remote (reports are frequent, see the README).
                if git != nil, command == "report", let local = try? plan(first, clock()), local.localOnly {
                    return try planAndRecord(plan, first: first, git: nil, actor: actor).result
                }
                if let git {
                    do throws(GitSync.Failure) { notes += try catchUp(git).notes } catch {
                        warning =
                            "could not sync before the change (\(error.description)); checked against the local copy"
                    }
                }
                var p = try planAndRecord(plan, first: git == nil ? first : nil, git: git, actor: actor)
                guard p.records, !p.localOnly, let git else { return p.result }
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
                        if let entry = p.entry,
                            let refused = outcome.refused.first(where: { Self.sameOperation($0.entry, entry) })
                        {
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
    }
}
