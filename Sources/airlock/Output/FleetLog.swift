// `airlock log` on a fleet root: every pipeline's audit log merged newest first, each line naming its pipeline.
import AirlockCore
import AirlockStore
import AirlockTUI
import Foundation

struct FleetLog {
    var env: String?
    var json: Bool

    /// Each pipeline's entries merged by time, newest first (equal times in the fleet's order), streamed.
    func run(_ fleet: Fleet, root: String) throws(CommandFailure) {
        if let env, !fleet.members.contains(where: { $0.snapshot.pipeline?.environment(named: env) != nil }) {
            throw CommandFailure(
                "unknown environment \"\(Sanitize.line(env))\" (in no pipeline of the fleet)",
                code: CommandFailure.badInput)
        }
        let width = min(24, fleet.members.map { Grid.width(of: Sanitize.value($0.name, limit: 24)) }.max() ?? 0)
        let (problems, readable) = FleetAuditScan.newestFirst(root: root, fleet: fleet) { i, e in
            guard env == nil || e.environment == env else { return true }
            let name = fleet.members[i].name
            if json {
                var pairs: [(String, JSON)] = [("pipeline", .string(name))]
                if case .object(let rest) = AuditLog.json(e) { pairs += rest }
                Console.data(JSON.object(pairs).serialized())
            } else {
                Console.out(StatusTable.pad(Sanitize.value(name, limit: 24), width) + "  " + StatusTable.logLine(e))
            }
            return !Console.hasFailed
        }
        if Console.hasFailed { throw CommandFailure(silentExit: CommandFailure.failed) }
        for p in problems { printErr("airlock: \(Sanitize.line(p.description))") }
        if !readable { throw CommandFailure(silentExit: CommandFailure.failed) }
    }
}
