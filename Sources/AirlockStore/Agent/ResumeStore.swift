// `airlock resume ENV`: lifts the hold on auto-promotion into an environment with one `resume` audit line.
import AirlockCore
import Foundation

extension Store {
    /// Appends a `resume` line for `environment` when auto-promotion into it is held (checked under the lock);
    /// returns the hold it lifted, nil when there was none (nothing is written then).
    public func resume(_ environment: String, actor: String, reason: String?) throws(OperationError)
        -> AutoPromoteHold?
    {
        guard Names.isValidEnvironment(environment) else {
            throw OperationError(
                .badInput, "\"\(Sanitize.value(environment))\" is not an environment name ([a-z0-9-], no paths)")
        }
        let root = self.root
        let lifted = HoldBox()
        _ = try appendLines(actor: actor, command: "resume") { (snap: Snapshot, now: Date) throws(OperationError) in
            let env = try Planning.environment(environment, in: snap)
            var hold: AutoPromoteHold?
            var marker = false
            _ = AuditScan.newestFirst(root: root) { e in
                guard e.environment == env, e.action == .hold || e.action == .resume else { return true }
                marker = true
                hold = AutoPromoteHold.on(env, newestFirst: [e])
                return false
            }
            lifted.hold = marker ? hold : nil
            guard let hold else { return [] }
            return [
                AuditEntry(
                    at: now, actor: actor, action: .resume, version: "-", environment: env,
                    reason: reason ?? "resumed (held by \(hold.by))")
            ]
        }
        return lifted.hold
    }
}

/// The hold the last plan lifted (the planner may run more than once).
private final class HoldBox {
    var hold: AutoPromoteHold?
}
