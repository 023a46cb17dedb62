// Git replication: catch up with the remote by re-applying local airlock commits as commands, push, sync.
import AirlockCore
import Foundation

extension Store {
    func gitSync(for snap: Snapshot) -> GitSync? {
        guard let cfg = GitSync.settings(root: root, pipeline: snap.pipeline) else { return nil }
        let g = GitSync(root: root, config: cfg)
        return g.isWorkTree ? g : nil
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
    func catchUp(_ git: GitSync) throws(GitSync.Failure) -> CatchUp {
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
        // Every pipeline of the work tree with local airlock commits (a fleet in one repository): each is re-applied
        // in its own folder, so a catch-up for one never drops another's.
        let byRoot = try git.localAuditLinesByRoot()
        // Hand edits where the operations will write would stop them half way: leave everything as it is.
        for folder in Set([root] + byRoot.map(\.root)) {
            let dirty = try GitSync(root: folder, config: git.config).dirtyPaths([
                "releases", "promotions", "audit.jsonl",
            ])
            if !dirty.isEmpty {
                throw GitSync.Failure(
                    GitSync.notAirlocks(dirty) + "; commit or stash them so airlock can re-apply its "
                        + "\(subjects.count) local change\(subjects.count == 1 ? "" : "s")"
                )
            }
        }
        let reports = try git.localReports()
        try git.resetToUpstream()
        var out = CatchUp()
        // Reports first (what environments run, new releases), then the operators' operations on top of them.
        for report in reports {
            let own = git.isOwnRoot(report.root)
            let store = own ? self : Store(root: report.root, clock: clock)
            let folderGit = own ? git : GitSync(root: report.root, config: git.config)
            for file in report.files {
                let planner =
                    file.rel.hasPrefix("environments/")
                    ? Planning.replayObserved(file.rel, text: file.text, actor: report.actor, root: report.root)
                    : Planning.replayRelease(
                        file.rel, text: file.text, before: file.before, actor: report.actor, root: report.root,
                        inputs: .disk(root: report.root))
                do throws(OperationError) {
                    let p = try store.planAndRecord(planner, first: nil, git: folderGit, actor: report.actor)
                    if !p.result.changed { out.notes.append(p.result.message) }
                } catch {
                    out.notes.append("dropped the \(file.rel) of \(report.actor): \(error.message)")
                }
            }
        }
        for (folder, lines) in byRoot {
            let own = git.isOwnRoot(folder)
            let store = own ? self : Store(root: folder, clock: clock)
            let folderGit = own ? git : GitSync(root: folder, config: git.config)
            let (entries, _) = AuditLog.parse(
                Data(lines.joined(separator: "\n").utf8), path: "audit.jsonl", firstLine: 1)
            for e in entries {
                let planner: Planner
                if e.action == .hold || e.action == .resume {
                    planner = Planning.replayMarker(e, root: folder)
                } else {
                    guard let command = Command(replaying: e) else { continue }
                    planner = Planning.planner(
                        for: command, actor: e.actor, confirmed: true, inputs: .disk(root: folder))
                }
                do throws(OperationError) {
                    // A no-change plan: already so.
                    _ = try store.planAndRecord(planner, first: nil, git: folderGit, actor: e.actor)
                } catch {
                    if own { out.refused.append((e, error.message)) }
                    let place = own ? "" : " in \(URL(fileURLWithPath: folder).lastPathComponent)"
                    out.notes.append(
                        "dropped \(e.action.rawValue) \(e.version)\(place) by \(e.actor): \(error.message)")
                }
            }
        }
        return out
    }

    /// Catch up with the remote (re-applying local airlock commits as operations), then push what is local.
    public func sync() throws(OperationError) -> String {
        try locked(actor: Identity.actor(), command: "sync") { () throws(OperationError) -> String in
            guard let cfg = GitSync.settings(root: root, pipeline: snapshot().pipeline) else {
                throw OperationError(.refused, "sync.git is not set in airlock.yaml; there is nothing to sync")
            }
            let git = GitSync(root: root, config: cfg)
            guard git.isWorkTree else { throw OperationError(.refused, "\(root) is not inside a git work tree") }
            return try withWorkTreeLock(git, actor: Identity.actor(), command: "sync") {
                () throws(OperationError) -> String in
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
}
