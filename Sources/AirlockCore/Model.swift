import Foundation

/// Health of an environment, as reported or derived from its checks.
public enum Health: String, Sendable, CaseIterable, Codable {
    case healthy, degraded, down, unknown

    /// Health that blocks a promotion out of the environment.
    public var isUnhealthy: Bool { self != .healthy }
}

/// Result of one monitoring check.
public enum CheckStatus: String, Sendable, CaseIterable, Codable {
    case passing, warning, failing, unknown
}

public struct Check: Sendable, Equatable {
    public var name: String
    public var status: CheckStatus
    public var detail: String?
    public init(name: String, status: CheckStatus, detail: String? = nil) {
        self.name = name
        self.status = status
        self.detail = detail
    }
}

public struct Service: Sendable, Equatable {
    public var name: String
    public var version: String?
    public var health: Health?
    public init(name: String, version: String? = nil, health: Health? = nil) {
        self.name = name
        self.version = version
        self.health = health
    }
}

/// One environment as `airlock.yaml` declares it.
public struct EnvironmentConfig: Sendable, Equatable {
    public var name: String
    public var staleAfter: TimeInterval
    public var soak: TimeInterval?
    public var gates: [String]
    public var protected: Bool
    public var approvers: [String]
    public var requiredApprovals: Int

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

public struct ChecklistItem: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Computed items (`approval`) cannot be ticked.
    public var computed: Bool

    public static let approvalID = "approval"

    public static let builtIn: [ChecklistItem] = [
        .init(id: "code-freeze", title: "Code freeze: the code is stable, no new features", computed: false),
        .init(id: "feature-complete", title: "All planned features are implemented", computed: false),
        .init(id: "internal-testing", title: "Internal testing done, significant issues resolved", computed: false),
        .init(id: "tests-passed", title: "Unit, integration and performance tests passed in staging", computed: false),
        .init(id: "bug-fixes-applied", title: "Bugs found in staging are fixed", computed: false),
        .init(id: "migrations-tested", title: "Data migrations tested on a production snapshot", computed: false),
        .init(id: "config-verified", title: "Configuration changes verified in staging", computed: false),
        .init(id: "flags-verified", title: "Feature flags switch on and off cleanly", computed: false),
        .init(id: "approval", title: "Stakeholders approved", computed: true),
        .init(id: "user-readiness", title: "Users and support are ready for the release", computed: false),
        .init(id: "rollback-plan", title: "A rollback plan exists and was tried", computed: false),
        .init(id: "monitoring", title: "Monitoring and alerting cover the release", computed: false),
    ]
}

/// Observed state of one environment: `environments/NAME.yaml`.
public struct EnvironmentStatus: Sendable, Equatable {
    public var version: String?
    public var deployedAt: Date?
    public var deployedBy: String?
    /// Heartbeat: `updated_at`, else the file's modification time.
    public var updatedAt: Date?
    public var health: Health?
    public var checks: [Check]
    public var services: [Service]
    public var flags: [(name: String, value: String)]
    public var schemaVersion: Int?
    public var config: [(name: String, value: String)]

    public init(
        version: String? = nil, deployedAt: Date? = nil, deployedBy: String? = nil, updatedAt: Date? = nil,
        health: Health? = nil, checks: [Check] = [], services: [Service] = [],
        flags: [(name: String, value: String)] = [], schemaVersion: Int? = nil,
        config: [(name: String, value: String)] = []
    ) {
        self.version = version
        self.deployedAt = deployedAt
        self.deployedBy = deployedBy
        self.updatedAt = updatedAt
        self.health = health
        self.checks = checks
        self.services = services
        self.flags = flags
        self.schemaVersion = schemaVersion
        self.config = config
    }

    public static func == (a: EnvironmentStatus, b: EnvironmentStatus) -> Bool {
        a.version == b.version && a.deployedAt == b.deployedAt && a.deployedBy == b.deployedBy
            && a.updatedAt == b.updatedAt && a.health == b.health && a.checks == b.checks
            && a.services == b.services && a.schemaVersion == b.schemaVersion
            && a.flags.map(\.name) == b.flags.map(\.name) && a.flags.map(\.value) == b.flags.map(\.value)
            && a.config.map(\.name) == b.config.map(\.name) && a.config.map(\.value) == b.config.map(\.value)
    }

    /// Counts of checks by status.
    public var checkCounts: [CheckStatus: Int] {
        var counts: [CheckStatus: Int] = [:]
        for c in checks { counts[c.status, default: 0] += 1 }
        return counts
    }
}

public struct ChecklistEntry: Sendable, Equatable {
    public var done: Bool
    public var by: String?
    public var at: Date?
    public var note: String?
    public init(done: Bool, by: String? = nil, at: Date? = nil, note: String? = nil) {
        self.done = done
        self.by = by
        self.at = at
        self.note = note
    }
}

public struct Approval: Sendable, Equatable {
    public var by: String
    public var environment: String
    public var at: Date?
    public init(by: String, environment: String, at: Date? = nil) {
        self.by = by
        self.environment = environment
        self.at = at
    }
}

/// One release: `releases/VERSION.yaml`.
public struct Release: Sendable, Equatable {
    public var version: String
    public var createdAt: Date?
    public var notes: String?
    public var schemaVersion: Int?
    public var checklist: [String: ChecklistEntry]
    public var approvals: [Approval]

    public init(
        version: String, createdAt: Date? = nil, notes: String? = nil, schemaVersion: Int? = nil,
        checklist: [String: ChecklistEntry] = [:], approvals: [Approval] = []
    ) {
        self.version = version
        self.createdAt = createdAt
        self.notes = notes
        self.schemaVersion = schemaVersion
        self.checklist = checklist
        self.approvals = approvals
    }

    public func isDone(_ item: String) -> Bool { checklist[item]?.done == true }
}

public enum RequestKind: String, Sendable, Codable, CaseIterable {
    case promotion, rollback
}

/// Desired state: `promotions/NAME.yaml`.
public struct PromotionRequest: Sendable, Equatable {
    public var version: String
    public var from: String?
    public var kind: RequestKind
    public var requestedBy: String
    public var requestedAt: Date
    public var reason: String?
    public init(
        version: String, from: String?, kind: RequestKind, requestedBy: String, requestedAt: Date, reason: String? = nil
    ) {
        self.version = version
        self.from = from
        self.kind = kind
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.reason = reason
    }
}

public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case promote, rollback, approve, check, uncheck
}

/// One line of `audit.jsonl`.
public struct AuditEntry: Sendable, Equatable {
    public var at: Date
    public var actor: String
    public var action: AuditAction
    public var version: String
    public var environment: String?
    public var from: String?
    public var previous: String?
    public var item: String?
    public var reason: String?
    public init(
        at: Date, actor: String, action: AuditAction, version: String, environment: String?,
        from: String? = nil, previous: String? = nil, item: String? = nil, reason: String? = nil
    ) {
        self.at = at
        self.actor = actor
        self.action = action
        self.version = version
        self.environment = environment
        self.from = from
        self.previous = previous
        self.item = item
        self.reason = reason
    }
}

extension AuditEntry {
    /// What the line says after who and what: `2.4.0 -> production from staging (was 2.3.0) — reason`.
    public func details(arrow: String = "->") -> String {
        var s = version
        if let env = environment { s += action == .check || action == .uncheck ? " (\(env))" : " \(arrow) \(env)" }
        if let from { s += " from \(from)" }
        if let previous { s += " (was \(previous))" }
        if let item { s += " item \(item)" }
        if let reason { s += " — \(reason)" }
        return s
    }
}

/// A problem found in the status root: a file, a line when one applies, and what is wrong.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String
    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }
    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

/// Everything read from a status root at one moment.
public struct Snapshot: Sendable, Equatable {
    public var pipeline: Pipeline?
    /// Observed environments by name (only those with a readable file or a last good state).
    public var environments: [String: EnvironmentStatus]
    /// Environments whose file is currently broken and whose shown state is the last good one.
    public var brokenEnvironments: Set<String>
    public var releases: [String: Release]
    public var promotions: [String: PromotionRequest]
    /// The newest lines of the audit log, oldest first: a bounded window of its end, never the whole log.
    public var audit: [AuditEntry]
    public var problems: [Problem]

    public init(
        pipeline: Pipeline? = nil, environments: [String: EnvironmentStatus] = [:],
        brokenEnvironments: Set<String> = [], releases: [String: Release] = [:],
        promotions: [String: PromotionRequest] = [:], audit: [AuditEntry] = [], problems: [Problem] = []
    ) {
        self.pipeline = pipeline
        self.environments = environments
        self.brokenEnvironments = brokenEnvironments
        self.releases = releases
        self.promotions = promotions
        self.audit = audit
        self.problems = problems
    }
}
