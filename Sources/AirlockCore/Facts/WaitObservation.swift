// One look at the environment `airlock wait` waits on: what it runs, its health and heartbeat, its file, its request.
import Foundation

/// A promotion or rollback request as a wait tells it apart from another: a new one is a new file's content.
public struct WaitRequest: Sendable, Equatable {
    public var version: String
    public var kind: RequestKind
    public var by: String
    public var at: Date
    public var from: String?

    public init(version: String, kind: RequestKind, by: String, at: Date, from: String? = nil) {
        self.version = version
        self.kind = kind
        self.by = by
        self.at = at
        self.from = from
    }

    public init(_ r: PromotionRequest) {
        self.init(version: r.version, kind: r.kind, by: r.requestedBy, at: r.requestedAt, from: r.from)
    }
}

/// What one read of the root says about the environment waited on.
public struct WaitObservation: Sendable, Equatable {
    /// The environment's file: there, absent, or unreadable (its problem, `environments/B.yaml:3: ...`).
    public enum File: Sendable, Equatable {
        case present
        case missing
        case broken(String)
    }

    public var file: File
    /// The version it reports (a broken file's last good one); nil without a file.
    public var version: String?
    public var health: Health
    /// The heartbeat: `updated_at`, else the file's modification time.
    public var updatedAt: Date?
    public var staleAfter: TimeInterval
    /// The first check that is not passing (`http failing: p99 3s`): why it is not healthy, for the story.
    public var note: String?
    public var request: WaitRequest?
    /// Why `promotions/B.yaml` cannot be read (a FIFO, a link out of the root, too big, bad YAML); nil: it reads.
    public var requestProblem: String?

    public init(
        file: File = .present, version: String?, health: Health, updatedAt: Date? = nil, staleAfter: TimeInterval = 300,
        note: String? = nil, request: WaitRequest? = nil, requestProblem: String? = nil
    ) {
        self.file = file
        self.version = version
        self.health = health
        self.updatedAt = updatedAt
        self.staleAfter = staleAfter
        self.note = note
        self.request = request
        self.requestProblem = requestProblem
    }

    /// The environment `name` as `snapshot` shows it (nil when the pipeline has no such environment).
    public init?(environment name: String, in snapshot: Snapshot) {
        guard let config = snapshot.pipeline?.environments.first(where: { $0.name == name }) else { return nil }
        let status = snapshot.environments[name]
        let path = "environments/\(name).yaml"
        if let problem = snapshot.problems.first(where: { $0.path == path }) {
            file = .broken(problem.description)
        } else if snapshot.brokenEnvironments.contains(name) {
            file = .broken(path + ": cannot be read")
        } else {
            file = status == nil ? .missing : .present
        }
        version = status?.version
        health = Rules.health(of: status)
        updatedAt = status?.updatedAt
        staleAfter = config.staleAfter
        note = status?.checks.first { $0.status != .passing }.map { c in
            "\(c.name) \(c.status.rawValue)" + (c.detail.map { ": \($0)" } ?? "")
        }
        request = snapshot.promotions[name].map(WaitRequest.init)
        requestProblem = snapshot.problems.first { $0.path == "promotions/\(name).yaml" }?.description
    }

    /// Stale as the SPEC means it: a heartbeat older than `stale_after` or from the future, or a broken file.
    public func isStale(now: Date) -> Bool {
        if case .broken = file { return true }
        return Rules.isStale(
            EnvironmentStatus(updatedAt: updatedAt), config: EnvironmentConfig(name: "", staleAfter: staleAfter),
            now: now)
    }

    /// When `isStale` next changes by time alone (nil: never, or only with a new report).
    public func stalenessChanges(after now: Date) -> Date? {
        guard let updatedAt, file == .present else { return nil }
        // Just past each limit: Rules.isStale compares with `>`.
        let candidates = [
            updatedAt.addingTimeInterval(staleAfter + 0.001),
            updatedAt.addingTimeInterval(-Rules.clockSkewAllowance),
        ]
        return candidates.filter { $0 > now }.min()
    }
}
