import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with an argv (never a shell): git, and the pipeline's hooks.
///
/// Each program starts with posix_spawn in a process group of its own, with an empty signal mask and every signal
/// at its default action: whatever the caller blocks or ignores (a dashboard ignores SIGINT and SIGTERM, dispatch
/// threads block nearly everything) must not make the program immune to `kill`. Stopping it (its time limit, a
/// request, or whatever it leaves running when it ends) signals the whole group: TERM, then KILL after a grace time.
public enum Subprocess {
    public enum OutputMode: Sendable {
        /// Collected and returned.
        case capture
        /// The caller's own standard output and error.
        case inherit
        /// Thrown away (the dashboard owns the terminal).
        case discard
    }

    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
        /// Set when the program was killed by a signal (`status` is then the signal number).
        public var signaled: Bool
        /// Stopped because its `ProcessControl` asked (a person quitting, a signal to the caller).
        public var stopped = false
        /// Why the program could not be started at all (nil when it ran).
        public var startError: String?
        public var ok: Bool { status == 0 && !timedOut && !signaled && !stopped && startError == nil }
    }

    /// Time between TERM and KILL when a program's group is stopped.
    public static let defaultKillAfter: TimeInterval = 5

    /// Runs `argv` (the program found on PATH, or by its path relative to `directory`) in `directory`.
    public static func run(_ argv: [String], in directory: String, environment: [String: String] = [:],
                           removing: [String] = [], output: OutputMode = .capture, timeout: TimeInterval? = nil,
                           killAfter: TimeInterval = defaultKillAfter, control: ProcessControl? = nil) -> Output {
        let program = argv.first ?? "?"
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        for k in removing { env[k] = nil }
        var pipes: [(read: Int32, write: Int32)] = []
        if case .capture = output {
            for _ in 0..<2 {
                var fds: [Int32] = [-1, -1]
                // (Another thread's spawn may see these before FD_CLOEXEC is set: Spawner closes 3 and up.)
                guard pipe(&fds) == 0 else {
                    for p in pipes { close(p.read); close(p.write) }
                    return failure("\(program) could not start: \(String(cString: strerror(errno)))")
                }
                for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
                pipes.append((fds[0], fds[1]))
            }
        }
        let spawned = Spawner.spawn(argv, directory: directory, environment: env, output: output,
                                    outFD: pipes.first?.write, errFD: pipes.last?.write)
        for p in pipes { close(p.write) }
        let pid: pid_t
        switch spawned {
        case .failure(let message):
            for p in pipes { close(p.read) }
            return failure("\(program) could not start: \(message)")
        case .success(let p):
            pid = p
        }
        control?.started(group: pid)
        defer { control?.finished() }
        var readers = pipes.map { CaptureReader(fd: $0.read) }
        defer { for r in readers { close(r.fd) } }

        let start = Date()
        var leaderStatus: Int32?
        var leaderLost = false
        var termAt: Date?
        var killAt: Date?
        var timedOut = false, stopped = false
        var pauseMS: Int32 = 1
        while true {
            if leaderStatus == nil && !leaderLost {
                var st: Int32 = 0
                let r = waitpid(pid, &st, WNOHANG)
                if r == pid { leaderStatus = st } else if r < 0 && errno != EINTR { leaderLost = true }
            }
            let now = Date()
            if leaderStatus != nil || leaderLost {
                ProcessGroup.reap(pid)
                if !ProcessGroup.exists(pid) { break }
                // Something the program started outlives it: that goes too (no orphan keeps running).
                if termAt == nil { ProcessGroup.signal(pid, SIGTERM); termAt = now }
            }
            if termAt == nil {
                if let timeout, now.timeIntervalSince(start) >= timeout {
                    timedOut = true
                } else if control?.shouldStop == true {
                    stopped = true
                }
                if timedOut || stopped { ProcessGroup.signal(pid, SIGTERM); termAt = now }
            }
            if let t = termAt, killAt == nil, now.timeIntervalSince(t) >= killAfter {
                ProcessGroup.signal(pid, SIGKILL)
                killAt = now
            }
            // A process stuck in the kernel even after KILL is not waited for forever.
            if let k = killAt, now.timeIntervalSince(k) >= 2 { break }
            CaptureReader.wait(&readers, milliseconds: pauseMS)
            pauseMS = min(pauseMS * 2, 10)
        }
        for i in readers.indices { readers[i].drain() }
        let st = leaderStatus ?? 0
        let exited = leaderStatus != nil && (st & 0x7f) == 0
        let status = leaderStatus == nil ? SIGKILL : exited ? (st >> 8) & 0xff : st & 0x7f
        return Output(status: status, stdout: readers.first?.text ?? "", stderr: readers.last?.text ?? "",
                      timedOut: timedOut, signaled: !exited && !timedOut && !stopped, stopped: stopped)
    }

    static func failure(_ message: String) -> Output {
        Output(status: 127, stdout: "", stderr: message, timedOut: false, signaled: false, startError: message)
    }
}

/// Lets another thread stop a running program (its whole process group) and see whether one runs.
public final class ProcessControl: @unchecked Sendable {
    private let lock = NSLock()
    private var stopRequested = false
    private var group: pid_t?
    private let externalStop: @Sendable () -> Bool

    /// `stopWhen` is asked while the program runs (for example: whether the caller caught a signal).
    public init(stopWhen: @escaping @Sendable () -> Bool = { false }) {
        externalStop = stopWhen
    }

    /// Asks for the program to be stopped: TERM to its group, KILL after the grace time.
    public func stop() {
        lock.lock(); stopRequested = true; lock.unlock()
    }

    var shouldStop: Bool {
        lock.lock(); let asked = stopRequested; lock.unlock()
        return asked || externalStop()
    }

    /// The process group of the program while it runs (its leader's pid).
    public var runningGroup: pid_t? {
        lock.lock(); defer { lock.unlock() }
        return group
    }

    func started(group g: pid_t) {
        lock.lock(); group = g; lock.unlock()
    }

    func finished() {
        lock.lock(); group = nil; lock.unlock()
    }
}

/// Signals and reaping for a whole process group.
public enum ProcessGroup {
    public static func signal(_ pgid: pid_t, _ sig: Int32) {
        guard pgid > 1 else { return }
        _ = kill(-pgid, sig)
        if sig == SIGTERM { _ = kill(-pgid, SIGCONT) }   // a stopped process must run to see TERM
    }

    /// Whether any process (a zombie included) is still in the group.
    public static func exists(_ pgid: pid_t) -> Bool {
        guard pgid > 1 else { return false }
        return kill(-pgid, 0) == 0 || errno == EPERM
    }

    /// Reaps members of the group that are our children: the program's leftovers come to us as the subreaper.
    static func reap(_ pgid: pid_t) {
        var st: Int32 = 0
        while waitpid(-pgid, &st, WNOHANG) > 0 {}
    }
}

/// Output of a captured program, read without blocking so a leftover holding the pipe cannot stall the runner.
struct CaptureReader {
    let fd: Int32
    var bytes: [UInt8] = []
    var open = true

    init(fd: Int32) {
        self.fd = fd
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Reads what is there now.
    mutating func drain() {
        var buf = [UInt8](repeating: 0, count: 65536)
        while open {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { bytes += buf[0..<n]; continue }
            if n == 0 { open = false }
            if n < 0 && errno == EINTR { continue }
            break
        }
    }

    /// Waits up to `milliseconds` for output (a plain pause when nothing is captured), then reads it.
    static func wait(_ readers: inout [CaptureReader], milliseconds: Int32) {
        var fds = readers.filter(\.open).map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        _ = poll(&fds, nfds_t(fds.count), milliseconds)
        for i in readers.indices where readers[i].open { readers[i].drain() }
    }
}
