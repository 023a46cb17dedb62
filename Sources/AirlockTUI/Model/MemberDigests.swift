// Each pipeline's part of the fleet matrix (its cells and its row's end) with what it was worked out from, so a
// read that changed one pipeline of a large fleet works out that one alone.

import AirlockCore
import Foundation

struct MemberDigests: Equatable, Sendable {
    struct Entry: Sendable {
        /// The pipeline as it was read, and the moment its time-bound states (stale, soak, freezes) were for.
        var member: FleetMember
        var at: Date
        var cells: [String: FleetCell]
        var summary: FleetRowSummary
        /// The widths the layout fits the matrix to: its name, the longest version it reports, its row's end.
        var nameWidth: Int
        var longestVersion: Int
        var summaryWidth: Int
    }

    /// By pipeline folder.
    var entries: [String: Entry] = [:]

    /// What kept parts a digest may take says nothing about what it shows: any two compare equal.
    static func == (a: MemberDigests, b: MemberDigests) -> Bool { true }

    /// The kept part for `m` when it was worked out from the same read of it, at most `digestAge` ago (the
    /// bound the whole matrix keeps for states that move with time alone); nil to work it out again.
    func reusable(for m: FleetMember, now: Date) -> Entry? {
        guard let e = entries[m.folder], now >= e.at, now.timeIntervalSince(e.at) < FleetState.digestAge,
            e.member == m
        else { return nil }
        return e
    }

    /// `m`'s cells, one per environment it has, and its row's end, at `now`.
    static func work(_ m: FleetMember, now: Date) -> Entry {
        let pending = Rules.pending(snapshot: m.snapshot, now: now)
        var cells: [String: FleetCell] = [:]
        for env in m.snapshot.pipeline?.environments ?? [] {
            guard let cell = Facts.fleetCell(m, environment: env.name, now: now, pending: pending) else { continue }
            cells[env.name] = cell
        }
        let summary = Facts.fleetRow(m, now: now, pending: pending)
        let longestVersion = m.snapshot.environments.values.reduce(0) { widest, env in
            max(widest, env.version.map { Grid.width(of: $0) } ?? 0)
        }
        return Entry(
            member: m, at: now, cells: cells, summary: summary, nameWidth: Grid.width(of: m.name),
            longestVersion: longestVersion, summaryWidth: FleetMatrix.summary(summary).width)
    }
}
