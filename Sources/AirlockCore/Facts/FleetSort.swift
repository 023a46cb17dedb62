// The orders the fleet screen's rows can take: by name, by what needs attention, by the most recent deploy.
import Foundation

/// How the fleet's rows are sorted (`s` cycles through them in this order).
public enum FleetSort: String, Sendable, Equatable, CaseIterable {
    case name
    /// Down, then stale, then blocked, then problems first; the rest by name.
    case attention
    /// The pipeline with the newest deploy in any environment first.
    case recentDeploy = "recent deploy"

    public var next: FleetSort {
        let all = Self.allCases
        let i = all.firstIndex(of: self) ?? 0
        return all[(i + 1) % all.count]
    }
}

extension Facts {
    /// `members` in `sort` order (`name` keeps the fleet's own order: fleet.yaml's `order`, then by name).
    public static func sorted(_ members: [FleetMember], by sort: FleetSort, now: Date) -> [FleetMember] {
        switch sort {
        case .name:
            return members
        case .attention:
            let keyed = members.enumerated().map { (i, m) in (attention(m, now: now), i, m) }
            return keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        case .recentDeploy:
            let keyed = members.enumerated().map { (i, m) in (latestDeploy(m) ?? .distantPast, i, m) }
            return keyed.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map(\.2)
        }
    }

    /// Smaller needs attention sooner: 0 something down, 1 something stale, 2 a blocked promotion, 3 problems,
    /// 4 none of these.
    static func attention(_ member: FleetMember, now: Date) -> Int {
        let names = member.snapshot.pipeline?.environments.map(\.name) ?? []
        let cells = fleetCells(member, environments: names, now: now).compactMap { $0 }
        if cells.contains(where: { $0.health == .down }) { return 0 }
        if cells.contains(where: \.stale) { return 1 }
        let row = fleetRow(member, now: now)
        if row.blocked > 0 { return 2 }
        if row.problems > 0 || member.snapshot.pipeline == nil { return 3 }
        return 4
    }

    static func latestDeploy(_ member: FleetMember) -> Date? {
        member.snapshot.environments.values.compactMap(\.deployedAt).max()
    }
}
