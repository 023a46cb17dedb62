// Everything read from a status root at one moment, and the problems found in it.
import Foundation

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
    /// Auto-promotion held, by `auto_promote` environment: the newest hold/resume line of the whole audit log.
    public var holds: [String: AutoPromoteHold] = [:]

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
