// Git commands on the root's clone: fetch, fast-forward, rebase, commit and push airlock's files.
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Shares the status root through git (SPEC "Sharing the root through git"): fetch and fast-forward or
/// rebase, one commit per change, pushed at once; a rejected push is replayed by the caller.
public struct GitSync: Sendable {
    public let root: String
    public let config: GitSyncConfig
    /// Time limits: network operations, and local ones.
    public var networkTimeout: TimeInterval = 30
    public var localTimeout: TimeInterval = 15

    public init(root: String, config: GitSyncConfig) {
        self.root = root
        self.config = config
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
        /// The push was rejected because the remote moved on: fetch, reset and replay.
        public var rejected = false
        public init(_ d: String, rejected: Bool = false) {
            description = d
            self.rejected = rejected
        }
    }

    static let environment = [
        "GIT_TERMINAL_PROMPT": "0",  // never ask for a password on a terminal
        "GIT_ASKPASS": "/bin/false",
        "SSH_ASKPASS": "/bin/false",
        "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o ConnectTimeout=10",
        "LC_ALL": "C",
    ]

    @discardableResult
    func git(_ args: [String], network: Bool = false) throws(Failure) -> String {
        // The repository is the one holding the root, whatever a calling git hook exported.
        let out = Subprocess.run(
            ["git"] + args, in: root, environment: Self.environment,
            removing: ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_OBJECT_DIRECTORY"],
            timeout: network ? networkTimeout : localTimeout)
        if out.timedOut {
            throw Failure("git \(args.first ?? "") timed out after \(Int(network ? networkTimeout : localTimeout))s")
        }
        guard out.ok else {
            let message = out.stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("hint:") }.joined(separator: " ")
            throw Failure("git \(args.first ?? ""): \(message.isEmpty ? "exit \(out.status)" : message)")
        }
        return out.stdout
    }

    var upstream: String { "\(config.remote)/\(config.branch)" }

    /// Whether the root is inside a git work tree.
    public var isWorkTree: Bool {
        (try? git(["rev-parse", "--is-inside-work-tree"]))?.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
    }

    /// Root-relative paths with changes git sees that are not committed (modified, staged or untracked).
    public func dirtyPaths(_ paths: [String]) throws(Failure) -> [String] {
        guard !paths.isEmpty else { return [] }
        // git names paths from the top of the work tree, unquoted with -z; the root may be a folder below it.
        let prefix = try git(["rev-parse", "--show-prefix"]).trimmingCharacters(in: .newlines)
        let out = try git(["status", "--porcelain", "-z", "--untracked-files=all", "--"] + paths)
        var fields = out.split(separator: "\0")[...]
        var dirty: [String] = []
        while let field = fields.popFirst() {
            let path = field.dropFirst(3)
            // A rename or copy is followed by the path it came from.
            if field.prefix(2).contains(where: { $0 == "R" || $0 == "C" }) { _ = fields.popFirst() }
            dirty.append(String(path.hasPrefix(prefix) ? path.dropFirst(prefix.count) : path))
        }
        return dirty
    }

    /// Commits ahead of the remote branch (local work not pushed yet).
    public func aheadCount() throws(Failure) -> Int {
        guard (try? git(["rev-parse", "--verify", "--quiet", upstream])) != nil else {
            return (try? Int(git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines))) ?? 0
        }
        return Int(
            try git(["rev-list", "--count", "\(upstream)..HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Fetches the remote branch; fails when the remote has no such branch.
    public func fetch() throws(Failure) {
        // `--` ends the options: a remote can never be read as one (the decoder refuses such names too).
        try git(["fetch", "--quiet", "--", config.remote, config.branch], network: true)
        guard (try? git(["rev-parse", "--verify", "--quiet", upstream])) != nil else {
            throw Failure("the remote has no branch \(config.branch)")
        }
    }

    public func fastForward() throws(Failure) {
        do {
            try git(["merge", "--ff-only", "--quiet", upstream])
        } catch {
            throw Failure(
                "cannot fast-forward: \(error.description) "
                    + "(local changes in the way? commit or stash them, then airlock sync)"
            )
        }
    }

    /// Rebases local commits that are not airlock's (someone committed by hand) onto the remote branch.
    public func rebase() throws(Failure) {
        do {
            try git(identity("airlock") + ["rebase", "--quiet", upstream])
        } catch {
            _ = try? git(["rebase", "--abort"])
            throw Failure(
                "cannot rebase local commits: \(error.description) (resolve them with git, then airlock sync)")
        }
    }

    /// Subjects of the local commits the remote branch does not have, oldest first.
    public func localSubjects() throws(Failure) -> [String] {
        try git(["log", "--reverse", "--format=%s", "\(upstream)..HEAD"]).split(separator: "\n").map(String.init)
    }

    /// The audit lines local commits added (relative to where they left the remote branch), in order.
    public func localAuditLines() throws(Failure) -> [String] {
        let diff = try git(["diff", "--no-color", "--unified=0", "\(upstream)...HEAD", "--", "audit.jsonl"])
        return diff.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map {
            String($0.dropFirst())
        }
    }

    /// Moves to the remote branch, dropping local commits and keeping local edits airlock did not make.
    public func resetToUpstream() throws(Failure) {
        try git(["reset", "--quiet", "--keep", upstream])
    }

    /// git's own identity when one is configured, else one named after the actor (commits and rebases need one).
    func identity(_ actor: String) -> [String] {
        if !((try? git(["config", "user.email"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return []
        }
        return ["-c", "user.name=\(actor)", "-c", "user.email=\(actor)@airlock.invalid"]
    }

    /// Commits exactly `paths` (nothing else staged or changed) with `message`.
    public func commit(_ paths: [String], message: String, actor: String) throws(Failure) {
        try git(["add", "--"] + paths)
        try git(identity(actor) + ["commit", "--quiet", "--no-verify", "-m", message, "--"] + paths)
    }

    /// Pushes HEAD to the remote branch. A rejection because the remote moved on is marked `rejected`.
    public func push() throws(Failure) {
        do {
            try git(["push", "--quiet", "--", config.remote, "HEAD:refs/heads/\(config.branch)"], network: true)
        } catch {
            let text = error.description
            let rejected =
                text.contains("rejected") || text.contains("non-fast-forward") || text.contains("fetch first")
                || text.contains("failed to push some refs") && !text.contains("Could not read")
                    && !text.contains("does not appear")
            throw Failure(text, rejected: rejected)
        }
    }
}

extension GitSync {
    /// What git is told to ignore: the lock and the temporary files airlock writes beside a file it replaces.
    static let excludePatterns = [".airlock.lock", ".airlock-agent.lock", ".*.yaml.tmp.*"]

    /// Keeps airlock's lock and temporary files out of `git status` when the root is inside a git work tree:
    /// their patterns go into the repository's own `info/exclude` once (the user's .gitignore is never touched).
    /// Best effort: a root outside git, or a repository that cannot be written, is left as it is.
    static func excludeAirlockFiles(root: String) {
        guard let top = enclosingGitEntry(root) else { return }
        var exclude = top + "/.git/info/exclude"
        var isDir: ObjCBool = false
        if !(FileManager.default.fileExists(atPath: top + "/.git", isDirectory: &isDir) && isDir.boolValue) {
            // A linked work tree or submodule: git knows where its exclude file is.
            let out = Subprocess.run(
                ["git", "rev-parse", "--git-path", "info/exclude"], in: root,
                environment: environment,
                removing: ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"],
                timeout: 5)
            let path = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            guard out.ok, !path.isEmpty else { return }
            exclude = path.hasPrefix("/") ? path : root + "/" + path
        }
        // Only a plain file (or none): never through a link, a FIFO or a file with other names.
        var st = stat()
        var existing = ""
        if lstat(exclude, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFREG, st.st_nlink == 1,
                case .success(let bytes) = StatusFileReader.read(exclude, limit: 1 << 20)
            else { return }
            existing = String(decoding: bytes, as: UTF8.self)
        }
        let have = Set(existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let missing = excludePatterns.filter { !have.contains($0) }
        guard !missing.isEmpty else { return }
        let text = "# airlock: its lock and temporary files\n" + missing.joined(separator: "\n") + "\n"
        try? FileManager.default.createDirectory(
            atPath: (exclude as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try? Files.appendLine(text, to: exclude)  // starts a new line first when the file ends mid-line
    }

    /// The nearest folder at or above `root` holding a `.git` entry (a folder, or a file in a linked work tree).
    static func enclosingGitEntry(_ root: String) -> String? {
        var dir = URL(fileURLWithPath: root).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) { return dir.path }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }
}

extension GitSync {
    /// `a, b have local changes airlock did not make`: files airlock would write that hold someone's edits.
    static func notAirlocks(_ dirty: [String]) -> String {
        "\(dirty.joined(separator: ", ")) \(dirty.count == 1 ? "has" : "have") local changes airlock did not make"
    }
}
