// The changes a person can ask of a root, as values: the command line, the dashboard and git replay make these.
import Foundation

/// A change to a status root and what it needs. Who runs it and whether they confirmed it travel beside it.
public enum Command: Sendable, Equatable {
    /// Request `version` into the environment `to` (from the environment before it).
    case promote(version: String, to: String, reason: String?)
    /// Request a rollback of `environment` to `to`, or (nil) to the version it ran before, as the audit log says.
    case rollback(environment: String, to: String?, reason: String?)
    /// Record the actor's approval of `version` for `environment`.
    case approve(version: String, environment: String)
    /// Tick (`done`) or untick a checklist item of a release, with an optional note.
    case setItem(version: String, item: String, done: Bool, note: String?)

    /// The command as people type it (the lock file records it): `promote`, `rollback`, `approve`, `checklist`.
    public var name: String {
        switch self {
        case .promote: return "promote"
        case .rollback: return "rollback"
        case .approve: return "approve"
        case .setItem: return "checklist"
        }
    }

    /// Version names the command carries, each to be checked as a file stem before anything is read.
    public var versionNames: [String] {
        switch self {
        case .promote(let version, _, _), .approve(let version, _), .setItem(let version, _, _, _): return [version]
        case .rollback(_, let to, _): return to.map { [$0] } ?? []
        }
    }

    /// The command an audit line records, to apply it again on another state (git replay); nil when the line
    /// lacks what the command needs.
    public init?(replaying e: AuditEntry) {
        switch e.action {
        case .promote:
            guard let env = e.environment else { return nil }
            self = .promote(version: e.version, to: env, reason: e.reason)
        case .rollback:
            guard let env = e.environment else { return nil }
            self = .rollback(environment: env, to: e.version, reason: e.reason)
        case .approve:
            guard let env = e.environment else { return nil }
            self = .approve(version: e.version, environment: env)
        case .check, .uncheck:
            guard let item = e.item else { return nil }
            self = .setItem(version: e.version, item: item, done: e.action == .check, note: e.reason)
        case .deployed, .health, .release, .hold, .resume:
            // Reports: their line does not carry the whole change. Git replay re-applies them from the files their
            // commit wrote (Store.replayReports), not from the line.
            return nil
        }
    }
}
