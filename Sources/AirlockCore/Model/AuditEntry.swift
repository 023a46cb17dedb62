// One line of the audit log, as a value.
import Foundation

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
