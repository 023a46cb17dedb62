// A fleet: a folder whose subfolders are pipeline roots, each its own pipeline, shown and commanded together.
import Foundation

/// Rows shown together on the fleet screen, under a name (`groups` in fleet.yaml).
public struct FleetGroup: Sendable, Equatable {
    public var name: String
    /// Pipeline names, in the order given.
    public var pipelines: [String]

    public init(name: String, pipelines: [String]) {
        self.name = name
        self.pipelines = pipelines
    }
}

/// `fleet.yaml` at the fleet root (every key optional).
public struct FleetConfig: Sendable, Equatable {
    /// The title; the fleet folder's name when absent.
    public var name: String?
    /// Pipelines listed first, in this order; the rest follow by name.
    public var order: [String]
    public var groups: [FleetGroup]
    /// One git sync for the whole fleet (the same meaning as airlock.yaml's `sync.git`).
    public var sync: GitSyncConfig?
    /// What a fleet's agent runs on the events of every pipeline (`notify:`), beside each pipeline's own.
    public var notify: [NotifyRule]

    public init(
        name: String? = nil, order: [String] = [], groups: [FleetGroup] = [], sync: GitSyncConfig? = nil,
        notify: [NotifyRule] = []
    ) {
        self.name = name
        self.order = order
        self.groups = groups
        self.sync = sync
        self.notify = notify
    }
}

/// One pipeline of a fleet.
public struct FleetMember: Sendable, Equatable {
    /// Its `pipeline:` name (the folder's name when airlock.yaml cannot be read).
    public var name: String
    /// Its folder, relative to the fleet root (one level deep).
    public var folder: String
    public var snapshot: Snapshot

    public init(name: String, folder: String, snapshot: Snapshot) {
        self.name = name
        self.folder = folder
        self.snapshot = snapshot
    }

    /// The member's problems with paths relative to the fleet root (`checkout/environments/qa.yaml`).
    public var fleetProblems: [Problem] {
        snapshot.problems.map { Problem(path: folder + "/" + $0.path, line: $0.line, message: $0.message) }
    }
}

/// Everything read from a fleet root at one moment.
public struct Fleet: Sendable, Equatable {
    /// The title: fleet.yaml's `name`, else the fleet folder's name.
    public var name: String
    public var config: FleetConfig
    /// Every pipeline, in the order the fleet lists them: `order` first, then by name.
    public var members: [FleetMember]
    /// Problems of the fleet itself (fleet.yaml, two pipelines with one name), paths relative to the fleet root.
    public var problems: [Problem]

    public init(name: String, config: FleetConfig = FleetConfig(), members: [FleetMember], problems: [Problem] = []) {
        self.name = name
        self.config = config
        self.members = members
        self.problems = problems
    }

    /// The member named `name` (its `pipeline:` name).
    public func member(named name: String) -> FleetMember? { members.first { $0.name == name } }
}
