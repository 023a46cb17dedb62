// Pipelines that share one git work tree (a fleet in one repository) share its sync: the fleet's sync.git for a
// pipeline without its own, one lock for the work tree's git work, and a catch-up that keeps every pipeline's
// local commits.
import AirlockCore
import Foundation

extension FleetFile {
    /// The `sync.git` of the fleet `root` is a pipeline of (fleet.yaml in the folder above, when that folder is a
    /// fleet root); nil otherwise or when fleet.yaml cannot be read.
    static func inheritedSync(pipelineRoot root: String) -> GitSyncConfig? {
        let parent = URL(fileURLWithPath: root).standardizedFileURL.deletingLastPathComponent().path
        // Without fleet.yaml there is no sync to inherit: the folder's other subfolders are not looked at (every
        // write asks this; a root in /tmp would scan all of /tmp).
        guard FileManager.default.fileExists(atPath: parent + "/" + FleetFile.path) else { return nil }
        guard case .fleet = RootKind.of(parent) else { return nil }
        let file = read(root: parent, realRoot: StatusFileReader.realRoot(parent))
        return file.problems.isEmpty ? file.config.sync : nil
    }
}

extension GitSync {
    /// The sync settings that apply to the pipeline root `root`: its own `sync.git`, else (a pipeline of a fleet)
    /// fleet.yaml's; nil when neither is set.
    public static func settings(root: String, pipeline: Pipeline?) -> GitSyncConfig? {
        pipeline?.sync ?? FleetFile.inheritedSync(pipelineRoot: root)
    }

    /// The repository's own folder (`git rev-parse --git-common-dir`, shared by linked work trees), absolute.
    func commonDir() throws(Failure) -> String {
        let dir = try git(["rev-parse", "--git-common-dir"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // Standardized, so messages name `/repo/.git`, not `/repo/pipeline/../.git`.
        return URL(fileURLWithPath: dir.hasPrefix("/") ? dir : root + "/" + dir).standardizedFileURL.path
    }

    /// Runs `body` holding the lock of the whole work tree's git work (`.airlock.lock` in the repository's folder),
    /// so two pipelines of one clone never run git at once. Taken after the pipeline's own lock, always.
    func withWorkTreeLock<T>(
        timeout: TimeInterval, onWait: ((String) -> Void)?, giveUp: (() -> Bool)?, holder: RootLock.Holder,
        _ body: () throws -> T
    ) throws -> T {
        let dir: String
        do { dir = try commonDir() } catch { return try body() }
        return try RootLock.withLock(root: dir, holder: holder, timeout: timeout, onWait: onWait, giveUp: giveUp, body)
    }

    /// The audit lines local commits added to every pipeline of the work tree (each audit.jsonl that changed since
    /// the remote branch, in a folder holding airlock.yaml), by pipeline folder (absolute), in order.
    func localAuditLinesByRoot() throws(Failure) -> [(root: String, lines: [String])] {
        let top = try git(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let names = try git(["diff", "--name-only", "-z", "--no-renames", "\(upstream)...HEAD"])
            .split(separator: "\0").map(String.init)
            .filter { $0 == "audit.jsonl" || $0.hasSuffix("/audit.jsonl") }
        var out: [(root: String, lines: [String])] = []
        for name in names.sorted() {
            let folder = name == "audit.jsonl" ? top : top + "/" + String(name.dropLast("/audit.jsonl".count))
            guard FileManager.default.fileExists(atPath: folder + "/airlock.yaml") else { continue }
            let diff = try git([
                "diff", "--no-color", "--unified=0", "\(upstream)...HEAD", "--", ":(top,literal)" + name,
            ])
            let lines = diff.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map {
                String($0.dropFirst())
            }
            if !lines.isEmpty { out.append((folder, lines)) }
        }
        return out
    }

    /// Whether `other` is this sync's root (both resolved).
    func isOwnRoot(_ other: String) -> Bool {
        StatusFileReader.realRoot(other) == StatusFileReader.realRoot(root)
    }
}

extension Store {
    /// Runs `body` holding the work tree's git lock when `git` is set (see GitSync.withWorkTreeLock), waiting as
    /// long as the store waits for its own lock.
    func withWorkTreeLock<T>(
        _ git: GitSync?, actor: String, command: String, _ body: () throws(OperationError) -> T
    ) throws(OperationError) -> T {
        guard let git else { return try body() }
        let holder = RootLock.Holder.current(actor: actor, command: command, now: clock())
        do {
            return try git.withWorkTreeLock(
                timeout: lockTimeout, onWait: onLockWait, giveUp: giveUpWaitingForLock, holder: holder
            ) { () throws -> T in try body() }
        } catch let e as OperationError {
            throw e
        } catch {
            throw OperationError(.failed, "\(error)")
        }
    }
}

extension FleetLoader {
    /// One pipeline folder (absolute) per git work tree and sync setting among the fleet's pipelines that sync
    /// (their own sync.git, else fleet.yaml's): `Store(root:).sync()` on each syncs the whole fleet, each work tree
    /// once, instead of once per pipeline.
    public static func syncRoots(root: String, fleet: Fleet) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for member in fleet.members {
            guard let cfg = member.snapshot.pipeline?.sync ?? fleet.config.sync else { continue }
            let folder = root + "/" + member.folder
            guard let top = GitSync.enclosingGitEntry(folder) else { continue }
            if seen.insert("\(top)\u{0}\(cfg.remote)\u{0}\(cfg.branch)").inserted { out.append(folder) }
        }
        return out
    }
}
