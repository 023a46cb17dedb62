// One agent per root: a lock file held for the agent's life (flock: freed when the process dies, even by kill -9).
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `ROOT/.airlock-agent.lock`, held (flock) from the agent's start until its process ends. It holds one JSON
/// object: who holds it (so a second agent can name the running one) and the agent's counts, rewritten as they
/// change (`AgentStatus` reads it back for `airlock status`).
public final class AgentLock: @unchecked Sendable {
    public static let fileName = ".airlock-agent.lock"
    /// How many times a busy lock is tried again (a `status` reading it holds it shared for a moment).
    static let busyTries = 5
    private let fd: Int32
    private let holder: RootLock.Holder
    private let lock = NSLock()
    private var published: [(String, JSON)] = []

    /// Takes the lock or throws `.refused` naming the agent that holds it (pid, host, since). `command` is what
    /// the holder line says it is (`agent`, or `fleet agent` for a pipeline its fleet's agent looks after).
    public init(root: String, actor: String, command: String = "agent") throws(OperationError) {
        let fd: Int32
        do throws(StoreIOError) {
            let (folder, _) = try SafeOpen.root(root)
            fd = try SafeOpen.open(Self.fileName, in: folder, flags: O_RDWR | O_CREAT, verb: "open the agent's lock")
        } catch {
            throw OperationError(.failed, error.description)
        }
        var busy = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK, busy < Self.busyTries, !Self.isHeldByAgent(fd) {
                busy += 1
                usleep(20_000)
                continue
            }
            let holder = Self.holder(fd, root: root)
            close(fd)
            guard code == EWOULDBLOCK else {
                throw OperationError(.failed, "\(Self.fileName): cannot lock: \(SafeOpen.errorText(code))")
            }
            throw OperationError(.refused, "another agent runs on \(Sanitize.value(root)): \(holder)")
        }
        self.fd = fd
        holder = RootLock.Holder.current(actor: actor, command: command, now: Date())
        write()
    }

    deinit { close(fd) }

    /// Rewrites the lock file: the holder and `fields` (the agent's counts), one JSON object on one line.
    public func publish(_ fields: [(String, JSON)]) {
        lock.lock()
        defer { lock.unlock() }
        published = fields
        write()
    }

    private func write() {
        var obj: [(String, JSON)] = [
            ("actor", .string(holder.actor)), ("pid", .int(holder.pid)), ("host", .string(holder.host)),
            ("command", .string(holder.command)), ("since", .string(TimeFormat.formatTimestamp(holder.since))),
        ]
        obj += published
        let record = Array((JSON.object(obj).serialized() + "\n").utf8)
        // One write from offset 0, then cut what a longer record left: a reader sees the old or the new object.
        _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        _ = ftruncate(fd, off_t(record.count))
    }

    /// Whether the file names a live agent that is not this process's (a reader's shared lock names none: its
    /// bytes are the last agent's, whose pid is gone).
    static func isHeldByAgent(_ fd: Int32) -> Bool {
        guard let h = RootLock.Holder.parse(contents(fd)) else { return false }
        return h.pid > 0 && (kill(pid_t(h.pid), 0) == 0 || errno == EPERM)
    }

    static func contents(_ fd: Int32) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 ? Array(buffer[0..<n]) : []
    }

    /// What a fleet's agent calls itself in the lock of each pipeline it looks after.
    public static let fleetCommand = "fleet agent"

    /// `pid 123 on host-a, since 2026-11-23T01:02:03Z (airlock-agent)`; for a fleet's agent on a pipeline of
    /// `root`'s fleet: `the agent of the fleet FLEET-ROOT, pid ...`.
    static func holder(_ fd: Int32, root: String) -> String {
        guard let h = RootLock.Holder.parse(contents(fd)) else { return "another process" }
        let text = "pid \(h.pid) on \(h.host), since \(TimeFormat.formatTimestamp(h.since)) (\(h.actor))"
        guard h.command == fleetCommand else { return text }
        let fleet = URL(fileURLWithPath: root).standardizedFileURL.deletingLastPathComponent().path
        return "the agent of the fleet \(Sanitize.value(fleet)), \(text)"
    }
}
