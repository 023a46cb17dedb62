// The rollback rule: what an environment ran, and which versions a rollback may return to.
import Foundation

/// What the audit log records an environment running, gathered from its lines newest first.
///
/// The store reads the log backwards from its end and feeds the lines in; it stops as soon as the question it
/// asks is answered, so `versions` may hold only the newest part of the history unless `complete` is set.
public struct RunHistory: Sendable, Equatable {
    public let environment: String
    /// The version the environment runs now.
    public let current: String?
    /// The `previous` of the latest promote, rollback or deployed line that moved the environment to `current`.
    public private(set) var previousOfCurrent: String?
    /// True once the line that moved the environment to `current` was seen.
    public private(set) var sawCurrentMove = false
    /// Versions the environment's promote, rollback and deployed lines name (`version` and `previous`), newest first.
    public private(set) var versions: [String] = []
    /// True when every line of the log was fed in.
    public var complete = false

    public init(environment: String, current: String?) {
        self.environment = environment
        self.current = current
    }

    /// Takes the next older line of the log; lines of other environments or actions change nothing.
    public mutating func add(_ e: AuditEntry) {
        // A `deployed` line is what the environment reported running (and before it): history as much as a request.
        guard e.environment == environment, e.action == .promote || e.action == .rollback || e.action == .deployed
        else { return }
        if !sawCurrentMove, let current, e.version == current {
            sawCurrentMove = true
            previousOfCurrent = e.previous
        }
        for v in [e.version, e.previous].compactMap({ $0 }) where !versions.contains(v) { versions.append(v) }
    }

    public func records(_ version: String) -> Bool { versions.contains(version) }
}

extension Rules {
    /// The version a rollback of `env` returns to, as far as the snapshot's recent audit lines tell: the `previous`
    /// of the latest line that moved `env` to the version it runs now. The store reads further back when this is nil.
    public static func rollbackTarget(env: String, snapshot: Snapshot) -> String? {
        var history = RunHistory(environment: env, current: snapshot.environments[env]?.version)
        for entry in snapshot.audit.reversed() where !history.sawCurrentMove { history.add(entry) }
        return history.previousOfCurrent
    }

    /// Why a rollback of `env` from `current` to `target` is refused, or nil when it is allowed.
    ///
    /// A rollback goes back: the target must come before the current version in release order and, where the
    /// audit log records what the environment ran, be one of those versions. Anything else moves a release
    /// forward and goes through promote (its gates, approvals and freezes).
    public static func rollbackRefusal(
        env: String, current: String, target: String, history: RunHistory,
        releases: [String: Release]
    ) -> String? {
        if !ReleaseOrder.precedes(target, current, releases: releases) {
            return "\(target) is not older than \(current), which \(env) runs: a rollback only goes back; "
                + "to move \(env) forward, use promote"
        }
        if history.records(target) || (history.complete && history.versions.isEmpty) { return nil }
        let ran = ReleaseOrder.sorted(history.versions, releases: releases).reversed().prefix(5).joined(separator: ", ")
        return "the audit log does not record \(env) running \(target) (it ran \(ran)); "
            + "a rollback returns to a version the environment ran; to bring \(target) into \(env), use promote"
    }

    /// The versions a rollback of `env` may choose, newest first: those with a release file that the rule allows.
    public static func rollbackChoices(
        env: String, current: String, history: RunHistory,
        releases: [String: Release]
    ) -> [String] {
        let allowed = releases.keys.filter {
            rollbackRefusal(env: env, current: current, target: $0, history: history, releases: releases) == nil
        }
        return ReleaseOrder.sorted(Array(allowed), releases: releases).reversed()
    }
}
