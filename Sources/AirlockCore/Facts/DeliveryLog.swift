// What delivery metrics need from the audit log, gathered in one pass over it (entry by entry, in any order).
import Foundation

/// The audit lines delivery metrics read, kept compactly by environment; fed one entry at a time while the log is
/// streamed, then handed to `DeliveryStats.compute`. Lines dated after `now` are counted, not used.
public struct DeliveryLog: Sendable {
    public struct Event: Sendable, Equatable {
        public var at: Date
        public var version: String
        /// `from` of a promotion; the health of a `health` line.
        public var detail: String?
    }

    public let now: Date
    /// `deployed` lines by environment: a version reported running.
    public private(set) var deployed: [String: [Event]] = [:]
    /// `rollback` lines by environment: a rollback requested to `version`.
    public private(set) var rollbacks: [String: [Event]] = [:]
    /// `promote` lines by environment (detail: the environment it came from).
    public private(set) var promotions: [String: [Event]] = [:]
    /// `health` lines by environment (detail: the health reported).
    public private(set) var health: [String: [Event]] = [:]
    /// `approve` lines: times by environment, then version.
    public private(set) var approvals: [String: [String: [Date]]] = [:]
    /// `check` and `uncheck` lines by version then item: when, and whether it was ticked (true) or unticked.
    public private(set) var checks: [String: [String: [(at: Date, done: Bool)]]] = [:]
    /// `release` lines: when releases/V.yaml was created (the first such line of a version).
    public private(set) var released: [String: Date] = [:]
    /// Lines read (valid ones), and those skipped for a time after `now`.
    public private(set) var lines = 0
    public private(set) var future = 0

    public init(now: Date) { self.now = now }

    public mutating func add(_ e: AuditEntry) {
        lines += 1
        guard e.at <= now else {
            future += 1
            return
        }
        guard let env = e.environment else { return addRelease(e) }
        switch e.action {
        case .deployed: deployed[env, default: []].append(Event(at: e.at, version: e.version))
        case .rollback: rollbacks[env, default: []].append(Event(at: e.at, version: e.version))
        case .promote: promotions[env, default: []].append(Event(at: e.at, version: e.version, detail: e.from))
        case .health:
            health[env, default: []].append(Event(at: e.at, version: e.version, detail: e.health ?? "unknown"))
        case .approve: approvals[env, default: [:]][e.version, default: []].append(e.at)
        case .check, .uncheck, .release: addRelease(e)
        case .hold, .resume: break
        }
    }

    private mutating func addRelease(_ e: AuditEntry) {
        if e.action == .release {
            released[e.version] = min(released[e.version] ?? e.at, e.at)
            return
        }
        guard e.action == .check || e.action == .uncheck, let item = e.item else { return }
        checks[e.version, default: [:]][item, default: []].append((e.at, e.action == .check))
    }

    /// Every list in time order (the log is appended in time order, but clocks and merges may disagree).
    public mutating func sort() {
        for k in deployed.keys { deployed[k]?.sort { $0.at < $1.at } }
        for k in rollbacks.keys { rollbacks[k]?.sort { $0.at < $1.at } }
        for k in promotions.keys { promotions[k]?.sort { $0.at < $1.at } }
        for k in health.keys { health[k]?.sort { $0.at < $1.at } }
        for (env, byVersion) in approvals {
            for v in byVersion.keys { approvals[env]?[v]?.sort() }
        }
        for (version, items) in checks {
            for item in items.keys { checks[version]?[item]?.sort { $0.at < $1.at } }
        }
    }
}
