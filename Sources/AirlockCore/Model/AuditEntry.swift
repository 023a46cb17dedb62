// One line of the audit log, as a value.
import Foundation

/// What an audit line records. `deployed`, `health` and `release` are reports from CI/CD and monitoring (`airlock
/// report`, `airlock release`); the others are operators' changes.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case promote, rollback, approve, check, uncheck
    /// An environment reported running another version (`previous` is what it ran).
    case deployed
    /// An environment reported another health (`health`, `previous_health`).
    case health
    /// A release's file was created.
    case release
    /// Auto-promotion into an environment paused by a person's rollback or promotion of another version (the agent).
    case hold
    /// Auto-promotion into an environment resumed (`airlock resume`, or a person promoting the newest candidate).
    case resume
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
    /// A `health` line: the health reported, and the one before (nil: none was reported).
    public var health: String?
    public var previousHealth: String?
    public init(
        at: Date, actor: String, action: AuditAction, version: String, environment: String?,
        from: String? = nil, previous: String? = nil, item: String? = nil, reason: String? = nil,
        health: String? = nil, previousHealth: String? = nil
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
        self.health = health
        self.previousHealth = previousHealth
    }
}
