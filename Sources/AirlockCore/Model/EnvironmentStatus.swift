// What an environment reports about itself: environments/NAME.yaml.
import Foundation

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
