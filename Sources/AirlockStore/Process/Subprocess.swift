// Running a program with an argv (never a shell) in its own process group, within a time limit.
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
        /// Written as it arrives, line by line, to our own standard output and error through `Console` (so
        /// through `Sanitize`): a program never writes to the terminal itself.
        case relay
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
    public static func run(
        _ argv: [String], in directory: String, environment: [String: String] = [:],
        removing: [String] = [], output: OutputMode = .capture, timeout: TimeInterval? = nil,
        killAfter: TimeInterval = defaultKillAfter, control: ProcessControl? = nil
    ) -> Output {
        let program = argv.first ?? "?"
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        for k in removing { env[k] = nil }
        var pipes: [(read: Int32, write: Int32)] = []
        let relays: [Console.Stream]? = if case .relay = output { [.out, .err] } else { nil }
        if case .discard = output {
        } else {
            for _ in 0..<2 {
                var fds: [Int32] = [-1, -1]
                // (Another thread's spawn may see these before FD_CLOEXEC is set: Spawner closes 3 and up.)
                guard pipe(&fds) == 0 else {
                    for p in pipes {
                        close(p.read)
                        close(p.write)
                    }
                    return failure("\(program) could not start: \(String(cString: strerror(errno)))")
                }
                for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
                pipes.append((fds[0], fds[1]))
            }
        }
        let spawned =
            RunningGroups.start {
                Spawner.spawn(
                    argv, directory: directory, environment: env, output: output,
                    outFD: pipes.first?.write, errFD: pipes.last?.write)
            } ?? .failure("the command is ending")
        for p in pipes { close(p.write) }
        let pid: pid_t
        switch spawned {
        case .failure(let message):
            for p in pipes { close(p.read) }
            return failure("\(program) could not start: \(message)")
        case .success(let p):
            pid = p
        }
        // A closed standard output must not kill us by SIGPIPE while the hook runs on without anyone to stop it:
        // the write fails instead (Console remembers it and the command fails) and the program is still waited for.
        let pipeAction = relays == nil ? nil : signal(SIGPIPE, SIG_IGN)
        defer { if let pipeAction { signal(SIGPIPE, pipeAction) } }
        control?.started(group: pid)
        defer {
            control?.finished()
            RunningGroups.finished(pid)
        }
        var readers = pipes.indices.map { CaptureReader(fd: pipes[$0].read, relay: relays?[$0]) }
        defer { for r in readers { close(r.fd) } }

        let start = Date()
        var leaderStatus: Int32?
        var leaderLost = false
        var termAt: Date?
        var killAt: Date?
        var timedOut = false
        var stopped = false
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
                if termAt == nil {
                    ProcessGroup.signal(pid, SIGTERM)
                    termAt = now
                }
            }
            if termAt == nil {
                if let timeout, now.timeIntervalSince(start) >= timeout {
                    timedOut = true
                } else if control?.shouldStop == true {
                    stopped = true
                }
                if timedOut || stopped {
                    ProcessGroup.signal(pid, SIGTERM)
                    termAt = now
                }
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
        // What the group wrote before it ended is read; a descendant that left the group and keeps a pipe open
        // is not waited for beyond a short drain time.
        let drainEnd = Date().addingTimeInterval(CaptureReader.drainTime)
        while readers.contains(where: \.open) && Date() < drainEnd {
            CaptureReader.wait(&readers, milliseconds: 10)
        }
        for i in readers.indices { readers[i].flushPartial(force: true) }
        let st = leaderStatus ?? 0
        let exited = leaderStatus != nil && (st & 0x7f) == 0
        let status = leaderStatus == nil ? SIGKILL : exited ? (st >> 8) & 0xff : st & 0x7f
        return Output(
            status: status, stdout: readers.first?.text ?? "", stderr: readers.last?.text ?? "",
            timedOut: timedOut, signaled: !exited && !timedOut && !stopped, stopped: stopped)
    }

    static func failure(_ message: String) -> Output {
        Output(status: 127, stdout: "", stderr: message, timedOut: false, signaled: false, startError: message)
    }
}
