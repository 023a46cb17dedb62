// What `airlock status` says about the agent on a root: read from the agent's lock file while an agent holds it.
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The running agent of a root and its counts, as its lock file says; only while a process holds the lock.
public struct AgentStatus: Sendable, Equatable {
    public var pid: Int
    public var host: String
    public var actor: String
    /// `agent`, or `fleet agent` for a pipeline its fleet's agent looks after.
    public var command: String
    public var since: Date
    /// Audit lines recorded (deployed, health, hold, resume), promotions made and refused.
    public var recorded = 0
    public var promoted = 0
    public var refused = 0
    /// Notify deliveries made, and given up after every attempt failed.
    public var notifyDelivered = 0
    public var notifyFailures = 0

    /// The agent holding `root`'s lock, nil when none does (no file, nothing holds it, or it is not a regular
    /// file: a symlink or FIFO in its place is never followed or waited on).
    public static func read(root: String) -> AgentStatus? {
        let fd: Int32
        do throws(StoreIOError) {
            let (folder, _) = try SafeOpen.root(root)
            guard try SafeOpen.regularOrAbsent(AgentLock.fileName, in: folder) != nil else { return nil }
            fd = try SafeOpen.open(AgentLock.fileName, in: folder, flags: O_RDONLY, verb: "read")
        } catch {
            return nil
        }
        defer { close(fd) }
        // A shared lock taken is no agent running (given back at once); refused is an agent holding it.
        while flock(fd, LOCK_SH | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            guard errno == EWOULDBLOCK else { return nil }
            return parse(AgentLock.contents(fd))
        }
        _ = flock(fd, LOCK_UN)
        return nil
    }

    /// The lock file's object; nil when it is not one (a partial write reads as an agent of unknown counts).
    static func parse(_ bytes: [UInt8]) -> AgentStatus? {
        guard let h = RootLock.Holder.parse(bytes) else { return nil }
        var s = AgentStatus(pid: h.pid, host: h.host, actor: h.actor, command: h.command, since: h.since)
        guard let obj = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return s }
        func count(_ key: String) -> Int { max(0, obj[key] as? Int ?? 0) }
        s.recorded = count("recorded")
        s.promoted = count("promoted")
        s.refused = count("refused")
        s.notifyDelivered = count("notify_delivered")
        s.notifyFailures = count("notify_failures")
        return s
    }

    /// The counts as the lock file and `status --json` spell them.
    public var counts: [(String, JSON)] {
        [
            ("recorded", .int(recorded)), ("promoted", .int(promoted)), ("refused", .int(refused)),
            ("notify_delivered", .int(notifyDelivered)), ("notify_failures", .int(notifyFailures)),
        ]
    }

    /// `status --json`'s `agent` object.
    public var json: JSON {
        .object(
            [
                ("pid", .int(pid)), ("host", .string(host)), ("actor", .string(actor)), ("command", .string(command)),
                ("since", .string(TimeFormat.formatTimestamp(since))),
            ] + counts)
    }

    /// One line for `airlock status`: `agent: pid 12 on host (airlock-agent) since T: 3 recorded, ...`.
    public var line: String {
        let what = command == "agent" ? "" : ", \(command)"
        return "agent: pid \(pid) on \(host) (\(actor)\(what)) since \(TimeFormat.formatTimestamp(since)): "
            + "\(recorded) recorded, \(promoted) promoted, \(refused) refused, "
            + "\(notifyDelivered) notified, \(notifyFailures) notify failures"
    }
}
