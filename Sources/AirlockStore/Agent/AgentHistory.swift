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

    /// The newest `deployed` version and `health` health per environment, read backwards until each is known.
    static func recorded(root: String, environments: Set<String>) throws(OperationError) -> [String: Recorded] {
        var out: [String: Recorded] = [:]
        var open = environments.count * 2
        let (problems, readable) = AuditScan.newestFirst(root: root) { e in
            guard let env = e.environment, environments.contains(env) else { return true }
            var r = out[env] ?? Recorded()
            if e.action == .deployed, !r.versionSeen {
                r.version = e.version
                r.versionSeen = true
                open -= 1
            } else if e.action == .health, !r.healthSeen {
                r.health = e.health
                r.healthSeen = true
                open -= 1
            }
            out[env] = r
            return open > 0
        }
        if !readable, let p = problems.first {
            throw OperationError(.failed, "\(p.description) (the agent records nothing until it can be read)")
        }
        return out
    }

    /// The lines `snap` calls for, by `actor` at `now`, in the pipeline's order of environments.
    static func missing(in snap: Snapshot, root: String, actor: String, now: Date) throws(OperationError)
        -> [AuditEntry]
    {
        guard let pipeline = snap.pipeline else { return [] }
        let names = pipeline.environments.map(\.name).filter {
            snap.environments[$0] != nil && !snap.brokenEnvironments.contains($0)
        }
        guard !names.isEmpty else { return [] }
        let recorded = try recorded(root: root, environments: Set(names))
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
    /// Whether the agent has anything to record for `snap` (read without the lock: a cheap first look).
    public func agentHasMissing(_ snap: Snapshot, actor: String) -> Bool {
        (try? AgentHistory.missing(in: snap, root: root, actor: actor, now: clock()).isEmpty == false) ?? true
    }

    /// Records what the environment files show and the audit log lacks, under the root's lock on a fresh read
    /// (a report that recorded it first leaves nothing to do); with git, committed and pushed like any change.
    /// Returns the lines recorded.
    public func recordObserved(actor: String) throws(OperationError) -> [AuditEntry] {
        let root = self.root
        return try appendLines(actor: actor, command: "agent") { (snap: Snapshot, now: Date) throws(OperationError) in
            try AgentHistory.missing(in: snap, root: root, actor: actor, now: now)
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
