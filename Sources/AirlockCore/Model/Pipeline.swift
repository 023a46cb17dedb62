// The pipeline as airlock.yaml declares it: environments, freezes, git sync, hooks.
import Foundation

/// One environment as `airlock.yaml` declares it.
public struct EnvironmentConfig: Sendable, Equatable {
    public var name: String
    public var staleAfter: TimeInterval
    public var soak: TimeInterval?
    public var gates: [String]
    public var protected: Bool
    public var approvers: [String]
    public var requiredApprovals: Int
    /// What the environment is (`facts`: data, access, url, owner...), name -> text in file order.
    public var facts: [EnvironmentFact] = []
    /// Four eyes (`separate_duties`, here or at the top of airlock.yaml): the release's author cannot approve it for
    /// this environment, and whoever promotes into it must not be needed for its quorum.
    public var separateDuties = false
    /// `auto_promote`: the agent promotes a ready candidate into it (reason `auto`); never a protected one.
    public var autoPromote = false

    public init(
        name: String, staleAfter: TimeInterval = 300, soak: TimeInterval? = nil,
        gates: [String] = [], protected: Bool = false, approvers: [String] = [],
        requiredApprovals: Int? = nil
    ) {
        self.name = name
        self.staleAfter = staleAfter
        self.soak = soak
        self.gates = gates
        self.protected = protected
        self.approvers = approvers
        self.requiredApprovals = requiredApprovals ?? (protected ? 1 : 0)
    }
}

public struct Freeze: Sendable, Equatable {
    public var environments: [String]
    public var from: Date
    public var until: Date
    public var reason: String
    public init(environments: [String], from: Date, until: Date, reason: String) {
        self.environments = environments
        self.from = from
        self.until = until
        self.reason = reason
    }
    public func isActive(on environment: String, at now: Date) -> Bool {
        environments.contains(environment) && from <= now && now < until
    }
}

public struct GitSyncConfig: Sendable, Equatable {
    public var remote: String
    public var branch: String
    public var interval: TimeInterval
    public init(remote: String = "origin", branch: String = "main", interval: TimeInterval = 30) {
        self.remote = remote
        self.branch = branch
        self.interval = interval
    }
}

/// The pipeline: `airlock.yaml`.
public struct Pipeline: Sendable, Equatable {
    public var name: String
    public var environments: [EnvironmentConfig]
    /// Extra checklist items or new titles for built-in ones, in file order.
    public var checklist: [(id: String, title: String)]
    public var freezes: [Freeze]
    public var sync: GitSyncConfig?
    /// Hook argv by event name (`promote`, `rollback`).
    public var hooks: [String: [String]]
    /// How long a hook may run (`hooks.timeout`) before its process group is stopped.
    public var hookTimeout: TimeInterval
    /// Deploy windows (`windows:`): an environment any of them names takes promotions only while one is open.
    public var windows: [DeployWindow] = []
    /// What `airlock agent` runs on its events (`notify:`).
    public var notify: [NotifyRule] = []

    public static let defaultHookTimeout: TimeInterval = 600

    public init(
        name: String, environments: [EnvironmentConfig], checklist: [(id: String, title: String)] = [],
        freezes: [Freeze] = [], sync: GitSyncConfig? = nil, hooks: [String: [String]] = [:],
        hookTimeout: TimeInterval = Pipeline.defaultHookTimeout
    ) {
        self.name = name
        self.environments = environments
        self.checklist = checklist
        self.freezes = freezes
        self.sync = sync
        self.hooks = hooks
        self.hookTimeout = hookTimeout
    }

    public static func == (a: Pipeline, b: Pipeline) -> Bool {
        a.name == b.name && a.environments == b.environments
            && a.checklist.map(\.id) == b.checklist.map(\.id) && a.checklist.map(\.title) == b.checklist.map(\.title)
            && a.freezes == b.freezes && a.sync == b.sync && a.hooks == b.hooks && a.hookTimeout == b.hookTimeout
            && a.windows == b.windows
    }

    public func environment(named name: String) -> EnvironmentConfig? {
        environments.first { $0.name == name }
    }

    public func index(of name: String) -> Int? {
        environments.firstIndex { $0.name == name }
    }

    /// Every checklist item: built-ins (titles possibly overridden) then the pipeline's extra ones.
    public var checklistItems: [ChecklistItem] {
        var items = ChecklistItem.builtIn
        for (id, title) in checklist {
            if let i = items.firstIndex(where: { $0.id == id }) {
                items[i].title = title
            } else {
                items.append(ChecklistItem(id: id, title: title, computed: false))
            }
        }
        return items
    }

    public func isKnownItem(_ id: String) -> Bool {
        ChecklistItem.builtIn.contains { $0.id == id } || checklist.contains { $0.id == id }
    }
}
