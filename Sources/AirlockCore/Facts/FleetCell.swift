// One cell of the fleet matrix (a pipeline in an environment), one row's summary, and the whole fleet's counts.
import Foundation

/// What the fleet screen shows for one pipeline in one environment.
public struct FleetCell: Sendable, Equatable {
    public var version: String?
    public var health: Health
    public var stale: Bool
    /// The state of the promotion waiting to enter this environment, when one waits.
    public var incoming: PendingState?
    /// The version waiting to enter, when one waits.
    public var incomingVersion: String?
    public var deployedAt: Date?
}

/// A row's end: its pending promotions by state and its problems.
public struct FleetRowSummary: Sendable, Equatable {
    public var ready = 0
    public var blocked = 0
    public var inProgress = 0
    public var problems = 0
}

/// The fleet's title-bar counts.
public struct FleetTotals: Sendable, Equatable {
    public var pipelines = 0
    /// Environment cells reporting `down`.
    public var down = 0
    public var stale = 0
    public var ready = 0
    public var blocked = 0
    public var problems = 0
}

extension Facts {
    /// `environment` of `member`, or nil when its pipeline has no such environment (an empty cell). `pending`:
    /// the member's pending promotions when already known (Rules.pending), so a row's cells compute them once.
    public static func fleetCell(
        _ member: FleetMember, environment: String, now: Date, pending known: [PendingPromotion]? = nil
    ) -> FleetCell? {
        let snapshot = member.snapshot
        guard let config = snapshot.pipeline?.environment(named: environment) else { return nil }
        let status = snapshot.environments[environment]
        let incoming = (known ?? Rules.pending(snapshot: snapshot, now: now)).first { $0.to == environment }
        return FleetCell(
            version: status?.version, health: Rules.health(of: status),
            stale: Rules.isStale(config, in: snapshot, now: now), incoming: incoming?.state,
            incomingVersion: incoming?.version, deployedAt: status?.deployedAt)
    }

    /// The cells of `member` for `environments` in that order (nil where its pipeline lacks one): the rules run
    /// once for the whole row, not once per cell.
    public static func fleetCells(_ member: FleetMember, environments: [String], now: Date) -> [FleetCell?] {
        let pending = Rules.pending(snapshot: member.snapshot, now: now)
        return environments.map { fleetCell(member, environment: $0, now: now, pending: pending) }
    }

    /// A row's pending promotions by state and its problem count.
    public static func fleetRow(_ member: FleetMember, now: Date, pending known: [PendingPromotion]? = nil)
        -> FleetRowSummary
    {
        var summary = FleetRowSummary(problems: member.snapshot.problems.count)
        for p in known ?? Rules.pending(snapshot: member.snapshot, now: now) {
            switch p.state {
            case .ready: summary.ready += 1
            case .blocked: summary.blocked += 1
            case .inProgress: summary.inProgress += 1
            }
        }
        return summary
    }

    /// The counts the fleet's title bar shows.
    public static func fleetTotals(_ fleet: Fleet, now: Date) -> FleetTotals {
        var totals = FleetTotals(pipelines: fleet.members.count, problems: fleet.problems.count)
        for member in fleet.members {
            let row = fleetRow(member, now: now)
            totals.ready += row.ready
            totals.blocked += row.blocked
            totals.problems += row.problems
            let names = member.snapshot.pipeline?.environments.map(\.name) ?? []
            for case let cell? in fleetCells(member, environments: names, now: now) {
                if cell.health == .down { totals.down += 1 }
                if cell.stale { totals.stale += 1 }
            }
        }
        return totals
    }
}
