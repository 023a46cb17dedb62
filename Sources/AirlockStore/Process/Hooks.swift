// Running a pipeline hook: its argv expanded, in the root, within hooks.timeout.
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a pipeline hook: an argv array in the root, never through a shell, within `hooks.timeout`.
public enum HookRunner {
    static func expand(_ argv: [String], request: PromotionRequest, environment: String) -> [String] {
        argv.map {
            $0.replacingOccurrences(of: "{environment}", with: environment)
                .replacingOccurrences(of: "{version}", with: request.version)
                .replacingOccurrences(of: "{from}", with: request.from ?? "")
                .replacingOccurrences(of: "{kind}", with: request.kind.rawValue)
                .replacingOccurrences(of: "{actor}", with: request.requestedBy)
        }
    }

    /// Runs `argv` in `root`; returns nil on success or a one-line reason it failed (the command then exits 3).
    /// `timeout` defaults to the pipeline's `hooks.timeout`. At the limit, or when `control` asks, the hook's whole
    /// process group gets TERM, then KILL after `killAfter`. Its output is relayed line by line to our standard
    /// output and error through the sanitizer (`quiet`: thrown away).
    public static func run(
        _ argv: [String], root: String, quiet: Bool = false, timeout: TimeInterval? = nil,
        killAfter: TimeInterval = Subprocess.defaultKillAfter,
        control: ProcessControl? = nil
    ) -> String? {
        guard let program = argv.first else { return "empty hook" }
        let limit = timeout ?? configuredTimeout(root: root)
        let out = Subprocess.run(
            argv, in: root, output: quiet ? .discard : .relay, timeout: limit,
            killAfter: killAfter, control: control)
        let name = Sanitize.value(program)
        if let reason = out.startError { return "hook \(name) could not start: \(reason)" }
        if out.timedOut {
            return "hook \(name) did not finish within \(TimeFormat.formatAge(limit)) (hooks.timeout); "
                + "its process group was stopped"
        }
        if out.stopped { return "hook \(name) was stopped before it finished" }
        if out.signaled { return "hook \(name) was killed by signal \(out.status)" }
        if out.status == 126 || out.status == 127 {
            return "hook \(name) could not start (not found or not executable)"
        }
        return out.status == 0 ? nil : "hook \(name) exited with status \(out.status)"
    }

    /// The pipeline's `hooks.timeout` (the default when airlock.yaml cannot be read: the change is already recorded).
    public static func configuredTimeout(root: String) -> TimeInterval {
        guard let bytes = readRegularFile(root + "/airlock.yaml"),
            let node = try? YAMLReader.parse(bytes),
            let pipeline = Decoders.pipeline(node, path: "airlock.yaml").0
        else { return Pipeline.defaultHookTimeout }
        return pipeline.hookTimeout
    }

    /// A regular file's bytes, opened without blocking (a FIFO in its place must not hang the command).
    static func readRegularFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) <= YAMLReader.maxFileSize else {
            return nil
        }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while out.count <= YAMLReader.maxFileSize {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                out += buf[0..<n]
                continue
            }
            if n < 0 && errno == EINTR { continue }
            break
        }
        return out
    }
}
