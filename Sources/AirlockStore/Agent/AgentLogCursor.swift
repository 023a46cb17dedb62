// What the agent needs from the audit log, kept up to date by reading only the lines appended since the last look.
import AirlockCore
import Foundation

/// The agent's view of the audit log: per environment the newest recorded version and health, and what decides
/// holds (the newest hold/resume line, people's promotions and rollbacks after it, what their source ran then).
/// Read forwards once, then from a cursor (offset and last line read): each change costs only its new tail. A log
/// truncated, replaced or rewritten (a git reset) is read again from its start.
public final class AgentLogCursor {
    let root: String
    let agent: String
    private(set) var recorded: [String: AgentHistory.Recorded] = [:]
    private(set) var holds: [String: HoldScan] = [:]
    /// The newest deployed version per environment (what a promotion's source ran when it was made).
    private var deployed: [String: String] = [:]
    private(set) var problem: Problem?
    private var stamp: FileStamp?
    private var offset = 0
    private var lastLine: [UInt8] = []
    /// How many times the log was read from its start (tests look at it).
    public private(set) var readsFromStart = 0

    public init(root: String, agent: String) {
        self.root = root
        self.agent = agent
    }

    /// Reads what was appended since the last call; throws when the log cannot be read (a FIFO in its place).
    func update() throws(OperationError) {
        switch AuditFile.open(root: root) {
        case .missing:
            reset()
            problem = nil
        case .problem(let p):
            reset()
            problem = p
            throw OperationError(.failed, "\(p.description) (the agent records nothing until it can be read)")
        case .file(let file):
            problem = nil
            if file.stamp == stamp { return }
            if !continues(file) {
                reset()
                readsFromStart += 1
            }
            read(file)
            stamp = file.stamp
        }
    }

    private func reset() {
        recorded = [:]
        holds = [:]
        deployed = [:]
        stamp = nil
        offset = 0
        lastLine = []
    }

    /// The same file grown: same inode, longer, and the line before the cursor unchanged.
    private func continues(_ file: AuditFile) -> Bool {
        guard let stamp, stamp.inode == file.inode, file.size > stamp.size, offset > 0 else { return false }
        let start = offset - lastLine.count - 1
        return start >= 0 && file.read(at: start, count: lastLine.count + 1) == lastLine + [0x0A]
    }

    private func read(_ file: AuditFile) {
        let end = file.completeEnd()
        guard end > offset else { return }
        var last: ArraySlice<UInt8> = []
        file.forEachLine(from: offset, to: end) { _, line in
            guard let bytes = line.bytes else { return true }
            last = bytes
            if case .success(let e) = AuditLog.entry(bytes) { take(e) }
            return true
        }
        // A last line over 4 KiB is not kept: the next look reads the log again from its start.
        lastLine = last.count <= 4096 ? Array(last) : []
        offset = last.count <= 4096 ? end : 0
    }

    /// One line, oldest first.
    private func take(_ e: AuditEntry) {
        guard let env = e.environment else { return }
        switch e.action {
        case .deployed:
            recorded[env, default: .init()].version = e.version
            recorded[env, default: .init()].versionSeen = true
            deployed[env] = e.version
        case .health:
            recorded[env, default: .init()].health = e.health
            recorded[env, default: .init()].healthSeen = true
        case .hold, .resume, .promote, .rollback:
            var scan = holds[env] ?? HoldScan(environment: env, agent: agent)
            scan.takeForward(e, sourceRan: e.from.flatMap { deployed[$0] })
            holds[env] = scan
        default: break
        }
    }

    /// The hold or resume lines people's actions call for on the `auto_promote` environments of `snap`.
    func holdLines(_ snap: Snapshot, now: Date) -> [AuditEntry] {
        (snap.pipeline?.environments ?? []).filter(\.autoPromote).compactMap { env in
            holds[env.name]?.line(candidateNow: AgentHolds.candidateNow(env.name, in: snap), now: now)
        }
    }
}

extension HoldScan {
    /// Takes the next line read oldest first: a hold/resume line is the newest marker (what came before it is
    /// judged); the agent's own promotion closes a person's action before it; a person's promotion or rollback
    /// is the action to judge, with what its source ran then (`sourceRan`).
    mutating func takeForward(_ e: AuditEntry, sourceRan: String?) {
        guard e.environment == environment else { return }
        switch e.action {
        case .hold, .resume:
            markerSeen = true
            hold = e.action == .hold ? AutoPromoteHold(by: e.actor, at: e.at, reason: e.reason) : nil
            action = nil
            candidateThen = nil
        case .promote where e.actor == agent:
            action = nil
            candidateThen = nil
        case .promote, .rollback:
            action = e
            candidateThen = e.action == .promote ? sourceRan : nil
        default: break
        }
    }
}
