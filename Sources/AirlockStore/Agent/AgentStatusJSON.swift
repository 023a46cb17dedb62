// The `agent` key of `status --json`: the agent running on the root (its pid, since when, its counts) or null.
import AirlockCore
import Foundation

extension Report {
    /// `status --json` of a pipeline root, with `agent`: the agent holding `root`'s lock, or null.
    public static func status(_ snap: Snapshot, root: String, now: Date) -> JSON {
        adding(agentOn: root, to: status(snap, now: now))
    }

    /// `status --json` of a fleet root, with `agent` on the fleet and on each pipeline (a fleet's agent holds
    /// each pipeline's lock too, with that pipeline's counts).
    public static func fleetStatus(_ fleet: Fleet, root: String, now: Date) -> JSON {
        guard case .object(var fields) = fleetStatus(fleet, now: now) else { return fleetStatus(fleet, now: now) }
        for (i, field) in fields.enumerated() where field.0 == "pipelines" {
            guard case .array(let items) = field.1 else { continue }
            let folders = fleet.members.map(\.folder)
            fields[i].1 = .array(
                items.enumerated().map { j, item in
                    j < folders.count ? adding(agentOn: root + "/" + folders[j], to: item) : item
                })
        }
        return adding(agentOn: root, to: .object(fields))
    }

    /// `object` with `"agent": {...}` or `"agent": null` added at its end.
    static func adding(agentOn root: String, to object: JSON) -> JSON {
        guard case .object(let fields) = object else { return object }
        return .object(fields + [("agent", AgentStatus.read(root: root)?.json ?? .null)])
    }
}
