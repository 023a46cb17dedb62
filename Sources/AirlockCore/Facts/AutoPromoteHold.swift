// A hold on auto-promotion into an environment: derived from the audit log's `hold` and `resume` lines.
import Foundation

/// Auto-promotion into an environment paused: who caused it, when, and why. The newest `hold` or `resume` line
/// for the environment decides (a `hold` line: held), so every reader of the log sees the same and it survives
/// restarts.
public struct AutoPromoteHold: Sendable, Equatable {
    public var by: String
    public var at: Date
    public var reason: String?

    public init(by: String, at: Date, reason: String?) {
        self.by = by
        self.at = at
        self.reason = reason
    }

    /// The hold on `environment` that lines read newest first show; nil when the newest marker is a resume or
    /// there is none.
    public static func on(_ environment: String, newestFirst lines: some Sequence<AuditEntry>) -> AutoPromoteHold? {
        for e in lines where e.environment == environment && (e.action == .hold || e.action == .resume) {
            return e.action == .hold ? AutoPromoteHold(by: e.actor, at: e.at, reason: e.reason) : nil
        }
        return nil
    }
}
