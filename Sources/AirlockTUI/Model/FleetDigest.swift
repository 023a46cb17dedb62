// What the fleet matrix shows, worked out once per change (a read, a key, every few seconds for time-bound states)
// instead of once per frame: the rows in order, every cell, each row's end, the title's counts.

import AirlockCore
import Foundation

public struct FleetDigest: Equatable, Sendable {
    /// What it was worked out from: the fleet's generation, the sort, the filter, the moment.
    var generation: Int
    var sort: FleetSort
    var filter: String
    /// The moment its oldest part was worked out for (time-bound states older than `digestAge` are looked at
    /// again from then on).
    public var at: Date
    /// Counts the changes of what it shows (a screen drawn from the same revision shows the same matrix).
    var revision = 0
    public var rows: [FleetRow]
    public var columns: [String]
    /// Cells by pipeline folder, then environment (absent: the pipeline has no such environment).
    public var cells: [String: [String: FleetCell]]
    public var summaries: [String: FleetRowSummary]
    public var totals: FleetTotals
    /// The fleet's problems, then every pipeline's, with fleet-relative paths.
    public var problems: [Problem]
    /// Widths the layout fits the matrix to (worked out here, once per change, rather than on every frame): the
    /// longest pipeline name shown, the longest version any shown pipeline reports, the widest row end.
    var longestName = 0
    var longestVersion = 0
    var widestSummary = 0
    /// Each pipeline's cells and row end, kept for the next digest: a read that changed one pipeline works out
    /// that one again, not the whole fleet.
    var perMember = MemberDigests()

    init(_ f: FleetState, now: Date, reusing kept: MemberDigests? = nil) {
        generation = f.generation
        sort = f.sort
        filter = f.filter
        at = now
        rows = f.rows(now: now)
        columns = Facts.fleetColumns(f.fleet.members)
        var cells: [String: [String: FleetCell]] = [:]
        var summaries: [String: FleetRowSummary] = [:]
        // The fleet's own counts (pipelines, its problems), the cells' and rows' added below.
        var totals = Facts.fleetTotals(Fleet(name: f.fleet.name, members: [], problems: f.fleet.problems), now: now)
        totals.pipelines = f.fleet.members.count
        for m in f.fleet.members {
            let worked = kept?.reusable(for: m, now: now) ?? MemberDigests.work(m, now: now)
            perMember.entries[m.folder] = worked
            let (row, summary) = (worked.cells, worked.summary)
            for cell in row.values {
                if cell.health == .down { totals.down += 1 }
                if cell.stale { totals.stale += 1 }
            }
            totals.ready += summary.ready
            totals.blocked += summary.blocked
            totals.problems += summary.problems
            cells[m.folder] = row
            summaries[m.folder] = summary
        }
        // A part kept from an earlier read is as old as it is: the digest is looked at again when the oldest is due.
        at = perMember.entries.values.lazy.map(\.at).min() ?? now
        self.cells = cells
        self.summaries = summaries
        self.totals = totals
        problems = f.fleet.problems + f.fleet.members.flatMap(\.fleetProblems)
        for case .member(let m) in rows {
            guard let part = perMember.entries[m.folder] else { continue }
            longestName = max(longestName, part.nameWidth)
            longestVersion = max(longestVersion, part.longestVersion)
            widestSummary = max(widestSummary, part.summaryWidth)
        }
    }

    /// The pipelines shown, top to bottom.
    public var members: [FleetMember] { rows.compactMap(\.member) }

    /// Whether `other`, of the same fleet, sort and filter, shows the same matrix, title counts and problems (its
    /// rows the same pipelines in the same order: the same generation means the same pipelines read).
    func showsTheSame(as other: FleetDigest) -> Bool {
        guard generation == other.generation, sort == other.sort, filter == other.filter, totals == other.totals,
            cells == other.cells, summaries == other.summaries, columns == other.columns,
            rows.count == other.rows.count
        else { return false }
        return zip(rows, other.rows).allSatisfy { a, b in
            switch (a, b) {
            case (.group(let x), .group(let y)): return x == y
            case (.member(let x), .member(let y)): return x.folder == y.folder
            default: return false
            }
        }
    }
}

extension FleetState {
    /// States that move with time alone (stale, soak, freezes) are worked out again this often while idle: their
    /// thresholds are minutes, and working out a large fleet every few seconds is most of an idle dashboard's CPU.
    static let digestAge: TimeInterval = 15

    /// The digest for the state as it is: the one kept when it still fits, else worked out now.
    public func digest(now: Date) -> FleetDigest {
        if let d = kept, d.generation == generation, d.sort == sort, d.filter == filter { return d }
        return FleetDigest(self, now: now, reusing: kept?.perMember)
    }

    /// Keeps a digest of the state as it is (after a read, a key, or when the kept one is `digestAge` old).
    mutating func refreshDigest(now: Date, force: Bool = false) {
        if !force, let d = kept, d.generation == generation, d.sort == sort, d.filter == filter,
            now.timeIntervalSince(d.at) < Self.digestAge
        {
            return
        }
        var fresh = FleetDigest(self, now: now, reusing: force ? nil : kept?.perMember)
        if let d = kept, fresh.showsTheSame(as: d) {
            // Time moved nothing on screen (the usual idle case): the kept one stays, and so does the frame; its
            // pipelines' parts are the fresh ones.
            kept?.at = fresh.at
            kept?.perMember = fresh.perMember
            return
        }
        fresh.revision = (kept?.revision ?? 0) &+ 1
        kept = fresh
    }
}
