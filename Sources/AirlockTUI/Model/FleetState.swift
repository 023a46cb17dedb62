// The fleet screen's state: the fleet read from disk, the cursor's cell, the sort, the filter, the scroll offsets,
// and which pipeline's dashboard is open; the rows the matrix shows are derived from it here.

import AirlockCore
import Foundation

/// A row of the matrix: a group's heading (fleet.yaml `groups`) or a pipeline.
public enum FleetRow: Equatable, Sendable {
    case group(String)
    case member(FleetMember)

    public var member: FleetMember? {
        if case .member(let m) = self { return m }
        return nil
    }
}

/// The fleet screen (a fleet root): the matrix of pipelines by environments, and the pipeline opened from it.
public struct FleetState: Equatable, Sendable {
    public var fleet: Fleet { didSet { generation &+= 1 } }
    /// Counts the fleet's changes, so a kept digest knows whether it still fits.
    var generation = 0
    /// What the matrix shows, worked out at the last change (see FleetDigest).
    var kept: FleetDigest?
    public var sort = FleetSort.name
    /// Pipelines shown: those whose name or a version they run contains this (any case).
    public var filter = ""
    /// The cursor: a pipeline (its folder, which no two share) and an environment (column) name.
    public var row: String?
    public var column: String?
    /// The first matrix row and the first environment column shown (scrolled to keep the cursor in view).
    public var firstRow = 0
    public var firstColumn = 0
    /// A pipeline's dashboard is open (Enter on a cell); Esc comes back to the matrix.
    public var open = false
    /// The pipeline (its folder) whose snapshot the dashboard state holds: the one open, or the cell's pipeline
    /// acted on.
    public var acting: String?
    /// The pipeline (folder) a rollback's choices are being read for: they apply only if it is still the one
    /// acted on when they arrive.
    public var rollbackFor: String?
    /// What the merged log view has read (nil while it is closed).
    public var log: FleetLogPage?

    public init(fleet: Fleet) {
        self.fleet = fleet
    }

    /// Every environment of the fleet, in the merged order (Facts.fleetColumns).
    public var columns: [String] {
        if let d = kept, d.generation == generation { return d.columns }
        return Facts.fleetColumns(fleet.members)
    }

    /// Whether a pipeline passes the filter: by its name or a version it runs.
    public func matches(_ m: FleetMember) -> Bool {
        guard !filter.isEmpty else { return true }
        if m.name.localizedCaseInsensitiveContains(filter) { return true }
        return m.snapshot.environments.values.contains { $0.version?.localizedCaseInsensitiveContains(filter) == true }
    }

    /// The matrix's rows: pipelines passing the filter in the sort's order, under their groups' headings when
    /// fleet.yaml sets groups (a pipeline in no group comes last, under "other").
    public func rows(now: Date) -> [FleetRow] {
        let shown = Facts.sorted(fleet.members, by: sort, now: now).filter(matches)
        let groups = fleet.config.groups
        guard !groups.isEmpty else { return shown.map { .member($0) } }
        var placed = Set<String>()
        var out: [FleetRow] = []
        for group in groups {
            let names = Set(group.pipelines).subtracting(placed)
            let inGroup = shown.filter { names.contains($0.name) }
            guard !inGroup.isEmpty else { continue }
            out.append(.group(group.name))
            out += inGroup.map { .member($0) }
            placed.formUnion(inGroup.map(\.name))
        }
        let rest = shown.filter { !placed.contains($0.name) }
        if !rest.isEmpty {
            out.append(.group("other"))
            out += rest.map { .member($0) }
        }
        return out
    }

    /// The pipelines shown, top to bottom.
    public func shownMembers(now: Date) -> [FleetMember] { digest(now: now).members }

    /// The pipeline under the cursor.
    public var selectedMember: FleetMember? { row.flatMap(member(folder:)) }

    /// The member in `folder`.
    public func member(folder: String) -> FleetMember? { fleet.members.first { $0.folder == folder } }

    /// Every problem: the fleet's own, then each pipeline's (paths relative to the fleet root).
    public var problems: [Problem] {
        if let d = kept, d.generation == generation { return d.problems }
        return fleet.problems + fleet.members.flatMap(\.fleetProblems)
    }
}
