// Git replay of hold and resume lines: they carry the whole change, so catching up appends them again.
import AirlockCore
import Foundation

extension Planning {
    /// A local `hold` or `resume` line re-applied on the remote's state: appended as it was (its time and actor),
    /// unless the remote's log already says so (held for a hold, not held for a resume).
    static func replayMarker(_ e: AuditEntry, root: String) -> Planner {
        { (_: Snapshot, _: Date) throws(OperationError) -> Plan in
            guard let env = e.environment, e.action == .hold || e.action == .resume else {
                return .noChange("not a hold or resume line")
            }
            var held = false
            _ = AuditScan.newestFirst(root: root) { line in
                guard line.environment == env, line.action == .hold || line.action == .resume else { return true }
                held = line.action == .hold
                return false
            }
            if held == (e.action == .hold) {
                return .noChange("auto-promotion into \(env) already \(held ? "held" : "not held") on the remote")
            }
            let said = AgentHistory.describe(e)
            var plan = Plan(
                result: OperationResult(message: said, changed: true, entry: e, hook: nil), entry: e)
            plan.auditOnly = true
            plan.subject = "airlock: replays " + said
            return plan
        }
    }
}
