// What ships: the releases a promotion of one version into an environment brings there, in release order.
import Foundation

/// One release that ships: its notes, author, creation, checklist progress and the schema it needs.
public struct ShippingRelease: Sendable, Equatable {
    public var version: String
    /// False when releases/VERSION.yaml does not exist: the version is known only because an environment runs it.
    public var hasFile: Bool
    public var notes: String?
    /// `created_by` of the release file.
    public var createdBy: String?
    public var createdAt: Date?
    /// Items of `WhatShips.checklistItems` done for this release.
    public var checklistDone: Int
    public var checklistTotal: Int
    /// The release's `schema_version` (the migrations it needs), when it states one.
    public var schemaNeed: Int?
    /// True when the target reports a lower `schema_version` than the release needs (a migration comes with it).
    public var migrates: Bool
}

/// How the version shipped stands against the version the target runs.
public enum ShipDirection: String, Sendable, Equatable {
    /// Newer than the target's (or the target runs none): the releases between ship.
    case forward
    /// Both run the same version: nothing ships.
    case same
    /// Older than the target's: nothing ships, promoting it would go back (a rollback).
    case rollback
    /// The source runs no version: nothing to ship.
    case nothing
}

/// Every release newer than the target's version up to and including the one shipped, oldest first.
public struct WhatShips: Sendable, Equatable {
    /// The environment the version comes from (nil when only a version was named).
    public var from: String?
    public var into: String
    public var version: String?
    /// What the target runs now (nil: no version reported).
    public var intoVersion: String?
    public var direction: ShipDirection
    public var releases: [ShippingRelease]
    /// The checklist items counted in each release's done/total: the target's gates, else every item.
    public var checklistItems: [String]
    /// True when `checklistItems` are the target's gates (false: it has none, every item counts).
    public var checklistIsGates: Bool

    /// Releases in the list known only from an environment (no release file).
    public var withoutFile: Int { releases.filter { !$0.hasFile }.count }

    /// The one sentence every screen says about the list.
    public var summary: String {
        let source = from.map { "\($0) (\(version ?? "no version"))" } ?? (version ?? "no version")
        switch direction {
        case .nothing:
            return "nothing ships: \(from ?? "the source") runs no version"
        case .same:
            return "nothing ships: \(into) already runs \(version ?? "")"
        case .rollback:
            return "nothing ships: \(into) runs \(intoVersion ?? ""), newer than \(source); "
                + "that direction is a rollback"
        case .forward:
            let count = releases.count == 1 ? "1 release ships" : "\(releases.count) releases ship"
            let files = withoutFile > 0 ? " (\(withoutFile) without a release file)" : ""
            guard let intoVersion else {
                return "\(count) from \(source) into \(into), which runs no version yet: every release up to "
                    + "\(version ?? "")" + files
            }
            return "\(count) from \(source) into \(into) (\(intoVersion))" + files
        }
    }
}

extension Facts {
    /// What ships when `from`'s version is promoted into `into`: nil when either is not an environment of the
    /// pipeline. The two need not be neighbours.
    public static func whatShips(from: String, into: String, in snapshot: Snapshot) -> WhatShips? {
        guard snapshot.pipeline?.environment(named: from) != nil else { return nil }
        return whatShips(version: snapshot.environments[from]?.version, into: into, in: snapshot, from: from)
    }

    /// What ships when `version` is promoted into `into` (the promote confirmation's list); nil when `into` is not an
    /// environment of the pipeline.
    public static func whatShips(version: String?, into: String, in snapshot: Snapshot, from: String? = nil)
        -> WhatShips?
    {
        guard let pipeline = snapshot.pipeline, let target = pipeline.environment(named: into) else { return nil }
        let intoStatus = snapshot.environments[into]
        let current = intoStatus?.version
        let items = target.gates.isEmpty ? checklistItems(pipeline).map(\.id) : target.gates
        var ships = WhatShips(
            from: from, into: into, version: version, intoVersion: current, direction: .nothing, releases: [],
            checklistItems: items, checklistIsGates: !target.gates.isEmpty)
        guard let version else { return ships }
        // Every version known: release files and what environments run (a version may lack its file).
        var known = Set(snapshot.releases.keys)
        for status in snapshot.environments.values { if let v = status.version { known.insert(v) } }
        known.insert(version)
        if let current { known.insert(current) }
        let order = ReleaseOrder.sorted(Array(known), releases: snapshot.releases)
        guard let top = order.firstIndex(of: version) else { return ships }
        var bottom = 0
        if let current, let i = order.firstIndex(of: current) {
            if i == top {
                ships.direction = .same
                return ships
            }
            if i > top {
                ships.direction = .rollback
                return ships
            }
            bottom = i + 1
        }
        ships.direction = .forward
        ships.releases = order[bottom...top].map { v in
            shipping(v, snapshot.releases[v], items: items, pipeline: pipeline, target: target, have: intoStatus)
        }
        return ships
    }

    private static func shipping(
        _ version: String, _ release: Release?, items: [String], pipeline: Pipeline, target: EnvironmentConfig,
        have: EnvironmentStatus?
    ) -> ShippingRelease {
        let done = items.filter { id in
            guard id == ChecklistItem.approvalID else { return release?.isDone(id) == true }
            // The computed item: the target's approvals when it is a gate, else every environment's.
            guard release != nil else { return false }
            if target.gates.contains(id) { return approvalItem(release, entering: target).done }
            return approvalItem(release, pipeline: pipeline).allSatisfy(\.done)
        }.count
        let need = release?.schemaVersion
        return ShippingRelease(
            version: version, hasFile: release != nil, notes: release?.notes, createdBy: release?.createdBy,
            createdAt: release?.createdAt, checklistDone: done, checklistTotal: items.count, schemaNeed: need,
            migrates: need.map { n in (have?.schemaVersion).map { $0 < n } ?? false } ?? false)
    }
}
