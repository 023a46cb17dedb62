// Reading one status file of a root: open it safely, parse it, decode it by kind.
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension RootLoader {
    static func parse(job: ParseJob, root: String, realRoot: String) -> ParsedFile {
        func unreadable(_ reason: String) -> ParsedFile {
            ParsedFile(
                stamp: job.stamp, kind: job.kind, stem: job.stem, value: nil,
                problems: [Problem(path: job.relPath, line: nil, message: reason)])
        }
        if let reason = job.unreadable { return unreadable(reason) }
        let bytes: [UInt8]
        let path = root + "/" + job.relPath
        let read =
            job.folder.map {
                StatusFileReader.read(
                    $0.name, in: $0.folder, path: path, realRoot: realRoot, limit: YAMLReader.maxFileSize)
            } ?? StatusFileReader.read(path, realRoot: realRoot, limit: YAMLReader.maxFileSize)
        switch read {
        case .success(let b): bytes = b
        case .failure(let f): return unreadable(f.reason)
        }
        /// An environment keeps its value with a heartbeat from the future, shown stale with the problem.
        func environment(_ e: EnvironmentStatus) -> ParsedFile {
            let future = FutureHeartbeat.problem(e, bytes: bytes, path: job.relPath, now: Date())
            return ParsedFile(
                stamp: job.stamp, kind: job.kind, stem: job.stem, value: .environment(e),
                problems: future.map { [$0] } ?? [])
        }
        if job.kind == .environment, let e = EnvironmentStream.decode(bytes, mtime: job.stamp.mtime) {
            return environment(e)
        }
        if job.kind == .release, let r = ReleaseStream.decode(bytes, stem: job.stem) {
            return ParsedFile(stamp: job.stamp, kind: job.kind, stem: job.stem, value: .release(r), problems: [])
        }
        let node: YNode?
        do {
            node = try YAMLReader.parse(bytes)
        } catch {
            return ParsedFile(
                stamp: job.stamp, kind: job.kind, stem: job.stem, value: nil,
                problems: [Problem(path: job.relPath, line: error.line, message: error.message)])
        }
        switch job.kind {
        case .pipeline:
            let (p, problems) = Decoders.pipeline(node, path: job.relPath)
            return ParsedFile(
                stamp: job.stamp, kind: job.kind, stem: job.stem, value: p.map(ParsedValue.pipeline), problems: problems
            )
        case .environment:
            let (e, problems) = Decoders.environment(node, path: job.relPath, mtime: job.stamp.mtime)
            if let e, problems.isEmpty { return environment(e) }
            return ParsedFile(
                stamp: job.stamp, kind: job.kind, stem: job.stem,
                value: problems.isEmpty ? e.map(ParsedValue.environment) : nil, problems: problems)
        case .release:
            let (r, problems) = Decoders.release(node, path: job.relPath, stem: job.stem)
            return ParsedFile(
                stamp: job.stamp, kind: job.kind, stem: job.stem,
                value: problems.isEmpty ? r.map(ParsedValue.release) : nil, problems: problems)
        case .promotion:
            let (p, problems) = Decoders.promotion(node, path: job.relPath)
            return ParsedFile(
                stamp: job.stamp, kind: job.kind, stem: job.stem,
                value: problems.isEmpty ? p.map(ParsedValue.promotion) : nil, problems: problems)
        }
    }

}
