// Holds on auto-promotion: which environments are held, and the hold or resume line a person's action calls for.
import AirlockCore
import Foundation

/// What the audit log says about auto-promotion into one environment, read newest first.
struct HoldScan {
    let environment: String
    let agent: String
    /// The hold now (the newest hold/resume line's verdict).
    var hold: AutoPromoteHold?
    var markerSeen = false
    /// The newest rollback or promotion into it by someone other than the agent, newer than the marker and than
    /// the agent's own newest promotion into it.
    var action: AuditEntry?
    var closed = false
    /// What the promotion's source ran when the person promoted (its newest deployed line before it).
    var candidateThen: String?

    init(environment: String, agent: String) {
        self.environment = environment
        self.agent = agent
    }

    /// Takes the next line (newest first); false once nothing older can change the answer.
    mutating func take(_ e: AuditEntry) -> Bool {
        if let a = action, a.action == .promote, candidateThen == nil, e.action == .deployed,
            e.environment == a.from, e.at <= a.at
        {
            candidateThen = e.version
        }
        if e.environment == environment, !markerSeen {
            switch e.action {
            case .hold, .resume:
                markerSeen = true
                hold = e.action == .hold ? AutoPromoteHold(by: e.actor, at: e.at, reason: e.reason) : nil
            case .promote where e.actor == agent:
                closed = true
            case .promote, .rollback:
                if action == nil && !closed { action = e }
            default: break
            }
        }
        guard markerSeen else { return true }
        guard let a = action, a.action == .promote else { return false }
        return candidateThen == nil
    }

    /// The hold or resume line the person's action calls for; `candidateNow` when the log does not say what the
    /// source ran then.
    func line(candidateNow: String?, now: Date) -> AuditEntry? {
        guard let a = action else { return nil }
        func entry(_ action: AuditAction, _ reason: String) -> AuditEntry {
            AuditEntry(
                at: now, actor: a.actor, action: action, version: a.version, environment: environment, reason: reason)
        }
        if a.action == .rollback { return entry(.hold, "rolled back to \(a.version)") }
        let candidate = candidateThen ?? candidateNow
        if let candidate, candidate != a.version {
            return hold == nil ? entry(.hold, "promoted \(a.version), not the newest candidate \(candidate)") : nil
        }
        return hold != nil ? entry(.resume, "promoted the newest candidate \(a.version)") : nil
    }
}

enum AgentHolds {
    /// The candidate into `env` now: what the environment before it runs.
    static func candidateNow(_ env: String, in snap: Snapshot) -> String? {
        guard let envs = snap.pipeline?.environments, let i = envs.firstIndex(where: { $0.name == env }), i > 0
        else { return nil }
        return snap.environments[envs[i - 1].name]?.version
    }
}

extension Store {
    /// Appends the hold and resume lines people's actions call for, under the lock on a fresh read (of the
    /// cursor's tail).
    public func recordHolds(cursor: AgentLogCursor) throws(OperationError) -> [AuditEntry] {
        try appendLines(actor: cursor.agent, command: "agent") { (snap: Snapshot, now: Date) throws(OperationError) in
            try cursor.update()
            return cursor.holdLines(snap, now: now)
        }
    }

    /// Whether people's actions call for hold or resume lines (a first look without the lock).
    public func agentHasHoldLines(_ snap: Snapshot, cursor: AgentLogCursor) -> Bool {
        do { try cursor.update() } catch { return false }
        return !cursor.holdLines(snap, now: clock()).isEmpty
    }
}
