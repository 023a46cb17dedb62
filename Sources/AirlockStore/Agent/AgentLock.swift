// One agent per root: a lock file held for the agent's life (flock: freed when the process dies, even by kill -9).
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `ROOT/.airlock-agent.lock`, held (flock) from the agent's start until its process ends; it records who holds
/// it so a second agent can name the running one.
public final class AgentLock {
    public static let fileName = ".airlock-agent.lock"
    private let fd: Int32

    /// Takes the lock or throws `.refused` naming the agent that holds it (pid, host, since).
    public init(root: String, actor: String) throws(OperationError) {
        let fd: Int32
        do throws(StoreIOError) {
            let (folder, _) = try SafeOpen.root(root)
            fd = try SafeOpen.open(Self.fileName, in: folder, flags: O_RDWR | O_CREAT, verb: "open the agent's lock")
        } catch {
            throw OperationError(.failed, error.description)
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            let holder = Self.holder(fd)
            close(fd)
            guard code == EWOULDBLOCK else {
                throw OperationError(.failed, "\(Self.fileName): cannot lock: \(SafeOpen.errorText(code))")
            }
            throw OperationError(.refused, "another agent runs on \(Sanitize.value(root)): \(holder)")
        }
        self.fd = fd
        _ = ftruncate(fd, 0)
        let record = Array(RootLock.Holder.current(actor: actor, command: "agent", now: Date()).line.utf8)
        _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit { close(fd) }

    /// `pid 123 on host-a, since 2026-11-23T01:02:03Z (airlock-agent)`.
    static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0, let h = RootLock.Holder.parse(Array(buffer[0..<n])) else { return "another process" }
        return "pid \(h.pid) on \(h.host), since \(TimeFormat.formatTimestamp(h.since)) (\(h.actor))"
    }
}
