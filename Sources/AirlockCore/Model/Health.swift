// The observed side's small values: health, checks and services.
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
