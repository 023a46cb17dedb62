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
        let spawned = Spawner.spawn(
            argv, directory: directory, environment: env, output: output,
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
        // A closed standard output must not kill us by SIGPIPE while the hook runs on without anyone to stop it:
        // the write fails instead (Console remembers it and the command fails) and the program is still waited for.
        let pipeAction = relays == nil ? nil : signal(SIGPIPE, SIG_IGN)
        defer { if let pipeAction { signal(SIGPIPE, pipeAction) } }
        control?.started(group: pid)
        defer { control?.finished() }
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
        lock.lock()
        stopRequested = true
        lock.unlock()
    }

    var shouldStop: Bool {
        lock.lock()
        let asked = stopRequested
        lock.unlock()
        return asked || externalStop()
    }

    /// The process group of the program while it runs (its leader's pid).
    public var runningGroup: pid_t? {
        lock.lock()
        defer { lock.unlock() }
        return group
    }

    func started(group g: pid_t) {
        lock.lock()
        group = g
        lock.unlock()
    }

    func finished() {
        lock.lock()
        group = nil
        lock.unlock()
    }
}

/// Signals and reaping for a whole process group.
public enum ProcessGroup {
    public static func signal(_ pgid: pid_t, _ sig: Int32) {
        guard pgid > 1 else { return }
        _ = kill(-pgid, sig)
        if sig == SIGTERM { _ = kill(-pgid, SIGCONT) }  // a stopped process must run to see TERM
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

/// Output of a program, read without blocking so a leftover holding the pipe cannot stall the runner: kept whole
/// (`capture`), or relayed to one of our streams line by line as it arrives, holding at most a partial line.
struct CaptureReader {
    let fd: Int32
    /// Where relayed output goes (nil: it is captured).
    let relay: Console.Stream?
    /// Captured: everything read. Relayed: the partial line not yet written.
    var bytes: [UInt8] = []
    var open = true
    /// When the partial line started waiting for its newline.
    var partialSince: Date?
    /// Relayed: the last byte written was not a newline (the end adds one, so our own next line starts clean).
    var midLine = false

    /// Read per call at most, so a program that never stops writing cannot keep the runner from its time limit.
    static let readLimit = 1 << 20
    /// A relayed line longer than this is written in pieces (memory stays bounded whatever the program writes).
    static let lineLimit = 4096
    /// A partial line is written after this long without its newline (a prompt, a progress dot).
    static let partialDelay: TimeInterval = 0.1
    /// How long output is still read after the program's group has ended.
    static let drainTime: TimeInterval = 0.2

    init(fd: Int32, relay: Console.Stream? = nil) {
        self.fd = fd
        self.relay = relay
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Reads what is there now (up to `readLimit`).
    mutating func drain() {
        var buf = [UInt8](repeating: 0, count: 65536)
        var total = 0
        while open && total < Self.readLimit {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                take(buf[0..<n])
                total += n
                continue
            }
            if n == 0 { open = false }
            if n < 0 && errno == EINTR { continue }
            break
        }
        flushPartial(force: false)
    }

    private mutating func take(_ chunk: ArraySlice<UInt8>) {
        bytes += chunk
        guard relay != nil else { return }
        if let newline = bytes.lastIndex(of: 0x0A) { emit(newline + 1) }
        while bytes.count >= Self.lineLimit { emit(Self.wholeCharacters(bytes, upTo: Self.lineLimit)) }
        if bytes.isEmpty { partialSince = nil } else if partialSince == nil { partialSince = Date() }
    }

    /// Relayed: writes the partial line once it has waited `partialDelay`, or now when `force`d (the end).
    mutating func flushPartial(force: Bool) {
        guard let stream = relay else { return }
        if force {
            emit(bytes.count)
            if midLine {
                Console.plain("\n", to: stream)
                midLine = false
            }
            return
        }
        guard !bytes.isEmpty else { return }
        guard let since = partialSince, Date().timeIntervalSince(since) >= Self.partialDelay else { return }
        emit(Self.wholeCharacters(bytes, upTo: bytes.count))
        partialSince = bytes.isEmpty ? nil : Date()
    }

    /// Writes the first `count` bytes through the sanitizing console and keeps the rest.
    private mutating func emit(_ count: Int) {
        guard let stream = relay, count > 0 else { return }
        Console.plain(String(decoding: bytes[0..<count], as: UTF8.self), to: stream)
        if stream == .out { Console.flush() }
        midLine = bytes[count - 1] != 0x0A
        bytes.removeFirst(count)
    }

    /// `count`, or less so the cut does not split a UTF-8 sequence (which would turn one character into two
    /// replacement characters).
    static func wholeCharacters(_ bytes: [UInt8], upTo count: Int) -> Int {
        var lead = count
        while lead > 0 && count - lead < 3 && (bytes[lead - 1] & 0xC0) == 0x80 { lead -= 1 }
        guard lead > 0 else { return count }
        let first = bytes[lead - 1]
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        return count - (lead - 1) < length ? lead - 1 : count
    }

    /// Waits up to `milliseconds` for output (a plain pause when nothing is read), then reads it.
    static func wait(_ readers: inout [CaptureReader], milliseconds: Int32) {
        var fds = readers.filter(\.open).map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        _ = poll(&fds, nfds_t(fds.count), milliseconds)
        for i in readers.indices {
            if readers[i].open { readers[i].drain() } else { readers[i].flushPartial(force: false) }
        }
    }
}
