import AirlockCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Identity of a file's content as `stat` sees it; a change means the file must be read again.
struct FileStamp: Equatable, Sendable {
    var size: Int
    var mtimeSec: Int
    var mtimeNsec: Int
    var inode: UInt64
    var ctimeSec: Int
    var ctimeNsec: Int

    static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(size: Int(st.st_size), mtimeSec: st.st_mtim.tv_sec, mtimeNsec: st.st_mtim.tv_nsec,
                         inode: UInt64(st.st_ino), ctimeSec: st.st_ctim.tv_sec, ctimeNsec: st.st_ctim.tv_nsec)
    }

    var mtime: Date { Date(timeIntervalSince1970: TimeInterval(mtimeSec) + TimeInterval(mtimeNsec) / 1e9) }
}

enum FileKind: Sendable { case pipeline, environment, release, promotion }

enum ParsedValue: Sendable {
    case pipeline(Pipeline)
    case environment(EnvironmentStatus)
    case release(Release)
    case promotion(PromotionRequest)
}

struct ParsedFile: Sendable {
    var stamp: FileStamp
    /// The value when the file has no problems (pipelines keep a best-effort value with problems).
    var value: ParsedValue?
    var problems: [Problem]
}

struct ParseJob: Sendable {
    var relPath: String
    var kind: FileKind
    var stem: String
    var stamp: FileStamp
}

/// Reads a status root into a `Snapshot`, re-reading only files whose stamp changed, and keeping
/// the last good state of a file that became broken.
public final class RootLoader {
    public let root: String
    private var files: [String: ParsedFile] = [:]
    private var lastGood: [String: ParsedValue] = [:]
    private var auditStamp: FileStamp?
    private var auditEntries: [AuditEntry] = []
    private var auditProblems: [Problem] = []
    private var auditLines = 0
    private var auditOffset = 0
    /// Number of files parsed by the last `load()` (for benchmarks and tests).
    public private(set) var lastParsedCount = 0

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    static func parse(job: ParseJob, root: String) -> ParsedFile {
        let full = root + "/" + job.relPath
        if job.stamp.size > YAMLReader.maxFileSize {
            return ParsedFile(stamp: job.stamp, value: nil, problems: [Problem(
                path: job.relPath, line: nil,
                message: "file is \(job.stamp.size) bytes, larger than the \(YAMLReader.maxFileSize / 1024 / 1024) MiB limit")])
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            return ParsedFile(stamp: job.stamp, value: nil, problems: [Problem(path: job.relPath, line: nil, message: "cannot be read")])
        }
        let node: YNode?
        do {
            node = try YAMLReader.parse([UInt8](data))
        } catch {
            return ParsedFile(stamp: job.stamp, value: nil, problems: [Problem(path: job.relPath, line: error.line, message: error.message)])
        }
        switch job.kind {
        case .pipeline:
            let (p, problems) = Decoders.pipeline(node, path: job.relPath)
            return ParsedFile(stamp: job.stamp, value: p.map(ParsedValue.pipeline), problems: problems)
        case .environment:
            let (e, problems) = Decoders.environment(node, path: job.relPath, mtime: job.stamp.mtime)
            return ParsedFile(stamp: job.stamp, value: problems.isEmpty ? e.map(ParsedValue.environment) : nil, problems: problems)
        case .release:
            let (r, problems) = Decoders.release(node, path: job.relPath, stem: job.stem)
            return ParsedFile(stamp: job.stamp, value: problems.isEmpty ? r.map(ParsedValue.release) : nil, problems: problems)
        case .promotion:
            let (p, problems) = Decoders.promotion(node, path: job.relPath)
            return ParsedFile(stamp: job.stamp, value: problems.isEmpty ? p.map(ParsedValue.promotion) : nil, problems: problems)
        }
    }

    private func listYAML(_ dir: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root + "/" + dir) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted()
    }

    /// Reads the root (only what changed since the last call) and returns the snapshot.
    public func load() -> Snapshot {
        var jobs: [ParseJob] = []
        var present: [(rel: String, kind: FileKind, stem: String)] = [("airlock.yaml", .pipeline, "airlock")]
        for (dir, kind) in [("environments", FileKind.environment), ("releases", .release), ("promotions", .promotion)] {
            for name in listYAML(dir) {
                present.append(("\(dir)/\(name)", kind, String(name.dropLast(5))))
            }
        }
        var stamps: [String: FileStamp] = [:]
        for p in present {
            guard let stamp = FileStamp.of(root + "/" + p.rel) else { continue }
            stamps[p.rel] = stamp
            if files[p.rel]?.stamp != stamp {
                jobs.append(ParseJob(relPath: p.rel, kind: p.kind, stem: p.stem, stamp: stamp))
            }
        }
        // Forget files that are gone.
        for key in files.keys where stamps[key] == nil {
            files[key] = nil
            lastGood[key] = nil
        }
        lastParsedCount = jobs.count
        if !jobs.isEmpty {
            let results = parseAll(jobs)
            for (job, result) in zip(jobs, results) {
                files[job.relPath] = result
                if let v = result.value { lastGood[job.relPath] = v }
            }
        }
        return assemble(present: present.filter { stamps[$0.rel] != nil })
    }

    private func parseAll(_ jobs: [ParseJob]) -> [ParsedFile] {
        let root = self.root
        if jobs.count < 8 {
            return jobs.map { Self.parse(job: $0, root: root) }
        }
        let buffer = UnsafeMutableBufferPointer<ParsedFile?>.allocate(capacity: jobs.count)
        buffer.initialize(repeating: nil)
        defer { buffer.deinitialize(); buffer.deallocate() }
        nonisolated(unsafe) let out = buffer
        // Larger files first, so both cores stay busy to the end.
        let order = jobs.indices.sorted { jobs[$0].stamp.size > jobs[$1].stamp.size }
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let j = order[i]
            out[j] = Self.parse(job: jobs[j], root: root)
        }
        return buffer.map { $0 ?? ParsedFile(stamp: FileStamp(size: 0, mtimeSec: 0, mtimeNsec: 0, inode: 0, ctimeSec: 0, ctimeNsec: 0),
                                             value: nil, problems: []) }
    }

    private func assemble(present: [(rel: String, kind: FileKind, stem: String)]) -> Snapshot {
        var snap = Snapshot()
        var problems: [Problem] = []
        if let pf = files["airlock.yaml"] {
            problems += pf.problems
            if case .pipeline(let p)? = pf.value { snap.pipeline = p }
        } else {
            problems.append(Problem(path: "airlock.yaml", line: nil, message: "missing: the status root needs an airlock.yaml"))
        }
        let envNames = Set(snap.pipeline?.environments.map(\.name) ?? [])
        for p in present where p.kind != .pipeline {
            guard let f = files[p.rel] else { continue }
            problems += f.problems
            let value = f.value ?? lastGood[p.rel]
            switch p.kind {
            case .environment:
                if snap.pipeline != nil && !envNames.contains(p.stem) {
                    problems.append(Problem(path: p.rel, line: nil, message: "\(p.stem) is not an environment listed in airlock.yaml"))
                }
                if case .environment(let e)? = value {
                    snap.environments[p.stem] = e
                    if f.value == nil { snap.brokenEnvironments.insert(p.stem) }
                }
            case .release:
                if case .release(let r)? = value, f.value != nil || r.version == p.stem { snap.releases[p.stem] = r }
            case .promotion:
                if snap.pipeline != nil && !envNames.contains(p.stem) {
                    problems.append(Problem(path: p.rel, line: nil, message: "\(p.stem) is not an environment listed in airlock.yaml"))
                }
                if case .promotion(let r)? = value { snap.promotions[p.stem] = r }
            case .pipeline: break
            }
        }
        loadAudit()
        snap.audit = auditEntries
        problems += auditProblems
        snap.problems = problems
        return snap
    }

    /// Reads the audit log incrementally: only bytes appended since the last read.
    private func loadAudit() {
        let path = root + "/audit.jsonl"
        guard let stamp = FileStamp.of(path) else {
            auditStamp = nil; auditEntries = []; auditProblems = []; auditLines = 0; auditOffset = 0
            return
        }
        if stamp == auditStamp { return }
        if let old = auditStamp, old.inode == stamp.inode, stamp.size >= auditOffset, auditOffset > 0 {
            // Appended: read from the last complete line.
        } else {
            auditEntries = []; auditProblems = []; auditLines = 0; auditOffset = 0
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(auditOffset))
            let data = try handle.readToEnd() ?? Data()
            // Only complete lines; a line still being written is read next time.
            guard let lastNewline = data.lastIndex(of: 0x0A) else {
                auditStamp = stamp
                return
            }
            let complete = data[data.startIndex..<lastNewline]
            let (entries, problems) = AuditLog.parse(Data(complete), path: "audit.jsonl", firstLine: auditLines + 1)
            auditEntries += entries
            auditProblems += problems
            auditLines += complete.split(separator: 0x0A, omittingEmptySubsequences: false).count
            auditOffset += complete.count + 1
            auditStamp = stamp
        } catch {
            auditProblems = [Problem(path: "audit.jsonl", line: nil, message: "cannot be read")]
        }
    }
}
