// What the agent records: the deploys and health changes environment files show that the audit log has not.
import AirlockCore
import Foundation

/// The `deployed` / `health` lines an environment file's state calls for, judged against the newest such lines
/// the audit log holds for it (not against the file's previous bytes: a change made while nobody watched counts).
public enum AgentHistory {
    /// The newest version and health the audit log records for an environment.
    struct Recorded {
        var version: String?
        var health: String?
        var versionSeen = false
        var healthSeen = false
    }

    /// The lines `snap` calls for against what the log records (`recorded`, from the agent's cursor), by `actor`
    /// at `now`, in the pipeline's order of environments.
    static func missing(in snap: Snapshot, recorded: [String: Recorded], actor: String, now: Date) -> [AuditEntry] {
        guard let pipeline = snap.pipeline else { return [] }
        let names = pipeline.environments.map(\.name).filter {
            snap.environments[$0] != nil && !snap.brokenEnvironments.contains($0)
        }
        guard !names.isEmpty else { return [] }
        var out: [AuditEntry] = []
        for env in names {
            guard let status = snap.environments[env] else { continue }
            let r = recorded[env] ?? Recorded()
            let version = status.version ?? "?"
            if let v = status.version, v != r.version {
                out.append(
                    AuditEntry(
                        at: now, actor: actor, action: .deployed, version: v, environment: env, previous: r.version))
            }
            let health = Rules.health(of: status).rawValue
            if health != r.health && !(r.health == nil && health == Health.unknown.rawValue) {
                out.append(
                    AuditEntry(
                        at: now, actor: actor, action: .health, version: version, environment: env, health: health,
                        previousHealth: r.health))
            }
        }
        return out
    }

    /// One phrase per line recorded: `qa deployed 2.0.0 (was 1.0.0)`, `qa health down (was healthy)`.
    public static func describe(_ e: AuditEntry) -> String {
        let env = Sanitize.value(e.environment ?? "?")
        if e.action == .hold || e.action == .resume {
            let why = e.reason.map { ": \(Sanitize.value($0))" } ?? ""
            return "\(e.action.rawValue) on \(env) by \(Sanitize.value(e.actor))\(why)"
        }
        if e.action == .health {
            let was = e.previousHealth.map { " (was \(Sanitize.value($0)))" } ?? ""
            return "\(env) health \(Sanitize.value(e.health ?? "?"))\(was)"
        }
        let was = e.previous.map { " (was \(Sanitize.value($0)))" } ?? ""
        return "\(env) deployed \(Sanitize.value(e.version))\(was)"
    }
}

extension Store {
    /// Whether the agent has anything to record for `snap` (read without the lock: a cheap first look at the
    /// cursor's tail).
    public func agentHasMissing(_ snap: Snapshot, cursor: AgentLogCursor) -> Bool {
        do { try cursor.update() } catch { return true }
        return !AgentHistory.missing(in: snap, recorded: cursor.recorded, actor: cursor.agent, now: clock()).isEmpty
    }

    /// Records what the environment files show and the audit log lacks, under the root's lock on a fresh read
    /// (a report that recorded it first leaves nothing to do); with git, committed and pushed like any change.
    /// Returns the lines recorded.
    public func recordObserved(cursor: AgentLogCursor) throws(OperationError) -> [AuditEntry] {
        try appendLines(actor: cursor.agent, command: "agent") { (snap: Snapshot, now: Date) throws(OperationError) in
            try cursor.update()
            return AgentHistory.missing(in: snap, recorded: cursor.recorded, actor: cursor.agent, now: now)
        }
    }

    /// Appends the audit lines `lines` computes on a fresh read under the root's lock (nothing when it computes
    /// none); with git, committed and pushed like any change. Returns the lines appended.
    func appendLines(
        actor: String, command: String, _ lines: @escaping (Snapshot, Date) throws(OperationError) -> [AuditEntry]
    ) throws(OperationError) -> [AuditEntry] {
        let box = RecordedBox()
        _ = try perform(actor: actor, command: command) { (snap: Snapshot, now: Date) throws(OperationError) -> Plan in
            let entries = try lines(snap, now)
            box.entries = entries
            guard let first = entries.first else { return .noChange("nothing to record") }
            let said = entries.map(AgentHistory.describe)
            var plan = Plan(
                result: OperationResult(message: said.joined(separator: "; "), changed: true, entry: first, hook: nil),
                entry: first)
            plan.more = Array(entries.dropFirst())
            plan.auditOnly = true
            plan.subject = "airlock: \(command) records " + said.joined(separator: ", ")
            return plan
        }
        return box.entries
    }
}

/// The lines the last plan held (the planner may run more than once; the last run is what was recorded).
private final class RecordedBox {
    var entries: [AuditEntry] = []
}
