// Running the built `airlock` binary from a test: to the end within a time limit, or started to be watched.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The built `airlock` binary beside the test bundle.
public func airlockBinary() -> String {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("airlock").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return repositoryRoot() + "/.build/debug/airlock"
}

/// The repository's top folder (this file is Tests/AirlockTestSupport/Binary.swift), for its scripts and examples.
public func repositoryRoot() -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}

/// What a run of the binary did.
public struct RunResult: Sendable {
    /// The exit code; 128 + the signal for a run ended by a signal; -1 when it could not start.
    public var code: Int32
    /// The two streams as bytes (decoding first would hide a raw C1 byte).
    public var outBytes: [UInt8]
    public var errBytes: [UInt8]
    public var seconds: TimeInterval
    /// The run was killed at its time limit.
    public var timedOut: Bool
    /// Peak resident memory of the run, from wait4's rusage.
    public var maxRSSMiB: Double

    /// The streams as text, an invalid UTF-8 sequence shown as U+FFFD.
    public var out: String { String(decoding: outBytes, as: UTF8.self) }
    public var err: String { String(decoding: errBytes, as: UTF8.self) }
}

/// The arguments, with `--root ROOT` after them, and the environment of a run as `user`.
private func invocation(_ args: [String], root: String?, user: String, extraEnv: [String: String])
    -> (argv: [String], env: [String: String])
{
    var env = ProcessInfo.processInfo.environment
    env["AIRLOCK_USER"] = user
    env["AIRLOCK_ROOT"] = nil
    for (key, value) in extraEnv { env[key] = value }
    return ([airlockBinary()] + args + (root.map { ["--root", $0] } ?? []), env)
}

/// Runs the binary to its end: stdin from /dev/null, output to files (no pipe can fill), killed (by its own
/// pid, and only while it has not been reaped) if it runs past `limit` seconds. `stdout` sends the standard
/// output to that path instead (`/dev/full`, say).
public func run(
    _ args: [String], root: String? = nil, user: String = "alice", extraEnv: [String: String] = [:],
    limit: TimeInterval = 60, stdout: String? = nil
) -> RunResult {
    let failed = RunResult(
        code: -1, outBytes: [], errBytes: Array("cannot start".utf8), seconds: 0, timedOut: false, maxRSSMiB: 0)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-out-\(UUID().uuidString)").path
    guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)) != nil else {
        return failed
    }
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout ?? dir + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, dir + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let (argv, env) = invocation(args, root: root, user: user, extraEnv: extraEnv)
    var cArgs = argv.map { strdup($0) } + [nil]
    var cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in cArgs + cEnv { free(pointer) } }
    var pid: pid_t = 0
    let started = Date()
    guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, &cEnv) == 0 else { return failed }
    let watchdog = Watchdog(pid: pid, limit: limit)
    // Waits for the exit without reaping, so the pid stays ours until the watchdog can no longer use it.
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
    let timedOut = watchdog.disarm()
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let read = { (name: String) in FileManager.default.contents(atPath: dir + "/" + name).map { [UInt8]($0) } ?? [] }
    let exited = (status & 0x7f) == 0
    return RunResult(
        code: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), outBytes: read("out"), errBytes: read("err"),
        seconds: Date().timeIntervalSince(started), timedOut: timedOut, maxRSSMiB: Double(usage.ru_maxrss) / 1024)
}

/// Kills a child with SIGKILL when its time is up, unless disarmed first.
private final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var armed = true
    private var fired = false
    private let stop = DispatchSemaphore(value: 0)

    init(pid: pid_t, limit: TimeInterval) {
        Thread.detachNewThread { [self] in
            guard stop.wait(timeout: .now() + limit) == .timedOut else { return }
            lock.lock()
            defer { lock.unlock() }
            if armed {
                fired = true
                kill(pid, SIGKILL)
            }
        }
    }

    /// Stops the watchdog; true when it had already killed the child.
    func disarm() -> Bool {
        lock.lock()
        armed = false
        let killed = fired
        lock.unlock()
        stop.signal()
        return killed
    }
}

/// Starts the binary on `root` without waiting (stdin from /dev/null); its output is gathered as it comes.
public func launch(_ args: [String], root: String, user: String = "alice", extraEnv: [String: String] = [:]) throws
    -> (Process, out: PipeText, err: PipeText)
{
    let (argv, env) = invocation(args, root: root, user: user, extraEnv: extraEnv)
    return try launchProgram(argv, environment: env)
}

/// Starts any program (`argv[0]` a path) without waiting, stdin from /dev/null; its output gathered as it comes.
public func launchProgram(_ argv: [String], environment env: [String: String]) throws
    -> (Process, out: PipeText, err: PipeText)
{
    let p = Process()
    p.executableURL = URL(fileURLWithPath: argv.first ?? "/bin/false")
    p.arguments = Array(argv.dropFirst())
    p.environment = env
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    return (p, PipeText(out), PipeText(err))
}

/// Output gathered from a child's pipe on another thread.
public final class PipeText: @unchecked Sendable {
    private let changed = NSCondition()
    private var data = Data()
    private var ended = false

    public init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                changed.lock()
                if chunk.isEmpty { ended = true } else { data.append(chunk) }
                changed.broadcast()
                changed.unlock()
                if chunk.isEmpty { break }
            }
        }
    }

    public var text: String {
        changed.lock()
        defer { changed.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits for the end of the stream (at most `seconds`).
    public func finish(within seconds: TimeInterval) {
        waitUntil(within: seconds) { $0.ended }
    }

    /// Waits until the text so far contains `needle`; false when `seconds` pass first.
    public func wait(for needle: String, within seconds: TimeInterval) -> Bool {
        let bytes = Data(needle.utf8)
        return waitUntil(within: seconds) { $0.data.range(of: bytes) != nil }
    }

    /// Sleeps until the stream changes and `condition` holds, or the time is up; the condition's last value.
    @discardableResult
    private func waitUntil(within seconds: TimeInterval, until condition: (PipeText) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        changed.lock()
        defer { changed.unlock() }
        while !condition(self) && !ended && changed.wait(until: deadline) {}
        return condition(self)
    }
}
