// Reading a status root into a Snapshot: what changed is read again, the last good state of a broken file kept.
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a status root into a `Snapshot`, re-reading only files whose stamp changed, and keeping
/// the last good state of a file that became broken.
public final class RootLoader {
    public let root: String
    private var files: [String: ParsedFile] = [:]
    private var lastGood: [String: ParsedValue] = [:]
    /// The snapshot last handed out, and the files changed since (so a reload patches only those).
    private var assembled: Snapshot?
    private var touched: Set<String> = []
    /// Files with problems, and the environment and promotion files (checked against the pipeline).
    private var problemFiles: Set<String> = []
    private var perEnvironmentFiles: Set<String> = []
    /// Folders of the root that are not folders inside it (found by the last full scan).
    private var folderProblems: [Problem] = []
    /// The newest lines of the audit log (never the whole log).
    private var auditWindow = AuditWindow()
    /// Holds on auto-promotion from the whole audit log (kept only for a pipeline with `auto_promote`).
    private var holdIndex = HoldIndex()
    /// Problems of the whole audit log, streamed once, when `checksWholeAuditLog` is set.
    private var wholeAuditProblems: [Problem]?
    /// Validate every line of the audit log (for `check`) instead of only the window the snapshot shows.
    public var checksWholeAuditLog = false
    /// Parse the files on every core (off inside a fleet, whose loader already reads its pipelines side by side).
    public var parsesSideBySide = true
    /// Number of files parsed by the last `load()` (for benchmarks and tests).
    public private(set) var lastParsedCount = 0
    /// Whether the last `load()` found anything different from the one before (a file read, gone, or the log grown).
    public private(set) var lastLoadChanged = true

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    private func listYAML(_ dir: String, realRoot: String) -> [String] {
        if let problem = StatusFileReader.folderProblem(root: root, rel: dir, realRoot: realRoot) {
            folderProblems.append(Problem(path: dir, line: nil, message: problem))
            return []
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root + "/" + dir) else { return [] }
        // The one rule of what a status file is (classify's, by bytes), for a listing as for a file event.
        return names.filter { Self.classify(dir + "/" + $0) != nil }.sorted()
    }

    /// The kind and stem of a root-relative path, when it is a status file.
    static func classify(_ rel: String) -> (kind: FileKind, stem: String)? {
        if rel == "airlock.yaml" { return (.pipeline, "airlock") }
        // Called for every file of every load: compared as bytes, the stem the only string made.
        let bytes = rel.utf8
        let kind: FileKind
        let folder: Int
        if bytes.starts(with: "environments/".utf8) {
            (kind, folder) = (.environment, 13)
        } else if bytes.starts(with: "releases/".utf8) {
            (kind, folder) = (.release, 9)
        } else if bytes.starts(with: "promotions/".utf8) {
            (kind, folder) = (.promotion, 11)
        } else {
            return nil
        }
        let name = bytes.dropFirst(folder)
        guard name.count > 5, name.first != UInt8(ascii: "."), !name.contains(UInt8(ascii: "/")),
            name.suffix(5).elementsEqual(".yaml".utf8)
        else { return nil }
        return (kind, String(Substring(name.dropLast(5))))
    }

    /// Reads the root (only what changed since the last call) and returns the snapshot.
    ///
    /// `changed` names the root-relative paths that may have changed (from file events); with nil every
    /// file's stamp is checked. A name that is not a status file (a folder, `audit.jsonl`) is handled too.
    public func load(changed: Set<String>? = nil) -> Snapshot {
        lastLoadChanged = false
        let realRoot = StatusFileReader.realRoot(root)
        var candidates: [String]
        var checkAudit = true
        if let changed, !files.isEmpty {
            candidates = []
            checkAudit = changed.contains("audit.jsonl")
            for rel in changed {
                if Self.classify(rel) != nil {
                    candidates.append(rel)
                } else if ["environments", "releases", "promotions"].contains(rel) {
                    // A folder appeared or went away: look at everything once.
                    return load(changed: nil)
                }
            }
        } else {
            candidates = ["airlock.yaml"]
            let before = folderProblems.map(\.description)
            folderProblems = []
            for dir in ["environments", "releases", "promotions"] {
                for name in listYAML(dir, realRoot: realRoot) { candidates.append("\(dir)/\(name)") }
            }
            if folderProblems.map(\.description) != before { lastLoadChanged = true }
            let listed = Set(candidates)
            // Forget files that are gone.
            for key in files.keys where !listed.contains(key) {
                forget(key)
                lastLoadChanged = true
            }
        }
        var jobs: [ParseJob] = []
        var folders = ReadFolders(root: root, realRoot: realRoot)
        for rel in candidates {
            guard let (kind, stem) = Self.classify(rel) else { continue }
            let stamp: FileStamp
            let unreadable: String?
            let folder = folders.locate(rel)
            switch StatusFileReader.inspect(root: root, rel: rel, realRoot: realRoot, in: folder) {
            case .missing:
                if files[rel] != nil { lastLoadChanged = true }
                forget(rel)
                continue
            case .file(let s): (stamp, unreadable) = (s, nil)
            case .problem(let reason, let s): (stamp, unreadable) = (s, reason)
            }
            if files[rel]?.stamp != stamp {
                jobs.append(
                    ParseJob(
                        relPath: rel, kind: kind, stem: stem, stamp: stamp, unreadable: unreadable, folder: folder))
            }
        }
        lastParsedCount = jobs.count
        if !jobs.isEmpty {
            lastLoadChanged = true
            let results = parseAll(jobs, realRoot: realRoot)
            for (job, result) in zip(jobs, results) {
                store(result, at: job.relPath)
            }
        }
        if checkAudit { loadAudit() }
        return assemble()
    }

    private func store(_ result: ParsedFile, at rel: String) {
        files[rel] = result
        if let v = result.value { lastGood[rel] = v }
        if result.problems.isEmpty { problemFiles.remove(rel) } else { problemFiles.insert(rel) }
        if result.kind == .environment || result.kind == .promotion { perEnvironmentFiles.insert(rel) }
        touched.insert(rel)
    }

    private func forget(_ rel: String) {
        files[rel] = nil
        lastGood[rel] = nil
        problemFiles.remove(rel)
        perEnvironmentFiles.remove(rel)
        touched.insert(rel)
    }

    private func parseAll(_ jobs: [ParseJob], realRoot: String) -> [ParsedFile] {
        let root = self.root
        // Larger files first, so both cores stay busy to the end.
        let order = jobs.indices.sorted { jobs[$0].stamp.size > jobs[$1].stamp.size }
        let threshold = parsesSideBySide ? 8 : Int.max
        let parsed = ParallelMap.map(count: jobs.count, threshold: threshold, order: order) {
            Self.parse(job: jobs[$0], root: root, realRoot: realRoot)
        }
        return zip(jobs, parsed).map { job, result in
            result ?? ParsedFile(stamp: job.stamp, kind: job.kind, stem: job.stem, value: nil, problems: [])
        }
    }

    static func problemOrder(_ path: String) -> Int {
        if path == "airlock.yaml" { return 0 }
        if path.hasPrefix("environments/") { return 1 }
        if path.hasPrefix("releases/") { return 2 }
        if path.hasPrefix("promotions/") { return 3 }
        return 4
    }

    /// The snapshot: patched for the files touched since the last one, or built whole when the pipeline changed.
    private func assemble() -> Snapshot {
        var snap: Snapshot
        if let previous = assembled, !touched.contains("airlock.yaml") {
            snap = previous
            for rel in touched { place(rel, into: &snap) }
        } else {
            snap = Snapshot()
            if case .pipeline(let p)? = files["airlock.yaml"]?.value { snap.pipeline = p }
            for rel in files.keys where rel != "airlock.yaml" { place(rel, into: &snap) }
        }
        touched = []
        snap.audit = auditWindow.entries
        snap.holds = holds(snap.pipeline)
        snap.problems = problems(pipeline: snap.pipeline)
        assembled = snap
        return snap
    }

    /// Puts one file's current value (or its last good one) into the snapshot, replacing what it had there.
    private func place(_ rel: String, into snap: inout Snapshot) {
        guard let (kind, stem) = Self.classify(rel) else { return }
        let f = files[rel]
        let value = f?.value ?? lastGood[rel]
        switch kind {
        case .environment:
            snap.environments[stem] = nil
            snap.brokenEnvironments.remove(stem)
            if case .environment(let e)? = value {
                snap.environments[stem] = e
                if f?.value == nil || f?.problems.isEmpty == false { snap.brokenEnvironments.insert(stem) }
            }
        case .release:
            snap.releases[stem] = nil
            if case .release(let r)? = value, f?.value != nil || r.version == stem { snap.releases[stem] = r }
        case .promotion:
            snap.promotions[stem] = nil
            if case .promotion(let r)? = value { snap.promotions[stem] = r }
        case .pipeline: break
        }
    }

    private func problems(pipeline: Pipeline?) -> [Problem] {
        var out: [Problem] = []
        if files["airlock.yaml"] == nil {
            out.append(
                Problem(path: "airlock.yaml", line: nil, message: "missing: the status root needs an airlock.yaml"))
        }
        out += folderProblems
        for rel in problemFiles { out += files[rel]?.problems ?? [] }
        if let pipeline {
            let envNames = Set(pipeline.environments.map(\.name))
            for rel in perEnvironmentFiles {
                if let f = files[rel], !envNames.contains(f.stem) {
                    out.append(
                        Problem(path: rel, line: nil, message: "\(f.stem) is not an environment listed in airlock.yaml")
                    )
                }
            }
        }
        out.sort { a, b in
            let (x, y) = (Self.problemOrder(a.path), Self.problemOrder(b.path))
            if x != y { return x < y }
            if a.path != b.path { return a.path < b.path }
            return (a.line ?? 0) < (b.line ?? 0)
        }
        return out + (wholeAuditProblems ?? auditWindow.problems)
    }

    /// The holds on the pipeline's `auto_promote` environments (none without one: the log is not read for them).
    private func holds(_ pipeline: Pipeline?) -> [String: AutoPromoteHold] {
        let auto = Set((pipeline?.environments ?? []).filter(\.autoPromote).map(\.name))
        guard !auto.isEmpty else { return [:] }
        _ = holdIndex.update(root: root)
        return holdIndex.holds.filter { auto.contains($0.key) }
    }

    /// Keeps the window of the audit log's end up to date (reading only appended bytes), and with
    /// `checksWholeAuditLog` streams the whole log once to validate it.
    private func loadAudit() {
        if auditWindow.update(root: root) { lastLoadChanged = true }
        if checksWholeAuditLog && wholeAuditProblems == nil {
            wholeAuditProblems = AuditScan.problems(root: root)
        }
    }
}
