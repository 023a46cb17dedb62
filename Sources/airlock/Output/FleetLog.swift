// `airlock log` on a fleet root: every pipeline's audit log merged newest first, each line naming its pipeline.
import AirlockCore
import AirlockStore
import Foundation

struct FleetLog {
    var env: String?
    var json: Bool

    /// Each pipeline's entries (newest first), merged by time, newest first; equal times keep the fleet's order.
    func run(_ fleet: Fleet, root: String) throws(CommandFailure) {
        if let env, !fleet.members.contains(where: { $0.snapshot.pipeline?.environment(named: env) != nil }) {
            throw CommandFailure(
                "unknown environment \"\(Sanitize.line(env))\" (in no pipeline of the fleet)",
                code: CommandFailure.badInput)
        }
        var streams: [[AuditEntry]] = []
        var failed = false
        for member in fleet.members {
            var entries: [AuditEntry] = []
            let (problems, readable) = AuditScan.newestFirst(root: root + "/" + member.folder) { e in
                if env == nil || e.environment == env { entries.append(e) }
                return true
            }
            for p in problems {
                printErr("airlock: \(Sanitize.line(member.folder + "/" + p.description))")
            }
            if !readable { failed = true }
            streams.append(entries)
        }
        var next = Array(repeating: 0, count: streams.count)
        let width = min(24, fleet.members.map { Sanitize.value($0.name, limit: 24).count }.max() ?? 0)
        while !Console.hasFailed {
            // The stream whose next entry is newest (the first such in fleet order).
            var pick: Int?
            for i in streams.indices where next[i] < streams[i].count {
                if let p = pick, streams[p][next[p]].at >= streams[i][next[i]].at { continue }
                pick = i
            }
            guard let i = pick else { break }
            let e = streams[i][next[i]]
            next[i] += 1
            let name = fleet.members[i].name
            if json {
                var pairs: [(String, JSON)] = [("pipeline", .string(name))]
                if case .object(let rest) = AuditLog.json(e) { pairs += rest }
                Console.data(JSON.object(pairs).serialized())
            } else {
                Console.out(StatusTable.pad(Sanitize.value(name, limit: 24), width) + "  " + StatusTable.logLine(e))
            }
        }
        if Console.hasFailed || failed { throw CommandFailure(silentExit: CommandFailure.failed) }
    }
}
