// The verdict logic of `airlock wait`: from the previous and the new look at an environment (and the time), the
// changes to tell and, when the wait is over, why (docs/SPEC.md section 3, "Waiting for a release").
import Foundation

/// A change the wait saw, told as one line on stderr.
public enum WaitEvent: Sendable, Equatable {
    /// The first look.
    case started(WaitObservation, stale: Bool)
    /// A new request on the environment (another file's content in promotions/).
    case requested(WaitRequest)
    /// The request file went away.
    case requestWithdrawn(WaitRequest)
    case version(from: String?, to: String)
    case health(from: Health, to: Health, note: String?)
    case stale(since: Date?)
    case fresh
    /// The environment's file went missing or became unreadable (the wait goes on).
    case fileProblem(WaitObservation.File)
    case fileBack
    /// The environment's file was missing and is there again, reporting this version.
    case fileReturned(version: String?)
    /// The request file (`promotions/B.yaml`) cannot be read: told once, the wait goes on.
    case requestProblem(String)
}

/// How a wait ends.
public enum WaitVerdict: Sendable, Equatable {
    /// The environment runs the version (with --healthy: healthy and not stale): exit 0.
    case arrived(healthy: Bool)
    /// The request was replaced by one for another version: exit 1.
    case replaced(WaitRequest)
    /// At the start, a request for another version was already under way: exit 1.
    case otherRequest(WaitRequest)
    /// The environment ran the version, then moved to another: exit 1.
    case movedAway(to: String)
    /// With --healthy: it runs the version but reported `down` from `since` for at least --fail-after: exit 1.
    case down(since: Date, failAfter: TimeInterval)
    /// --timeout ran out: exit 124.
    case timedOut(after: TimeInterval)

    public var exitCode: Int32 {
        switch self {
        case .arrived: return 0
        case .timedOut: return 124
        default: return 1
        }
    }
}

/// Waits for `environment` to run `version`: fed each look (and looks at deadlines without a change), it tells
/// the changes and decides. Pure: the caller supplies the observations and the time.
public struct WaitJudge: Sendable {
    public let environment: String
    public let version: String
    public let healthy: Bool
    public let failAfter: TimeInterval
    /// nil: waits forever.
    public let timeout: TimeInterval?
    public let start: Date

    public private(set) var last: WaitObservation?
    /// The environment has run the version during this wait.
    public private(set) var ranVersion = false
    /// Since when it has run the version and reported `down` without a break (nil: it does not).
    public private(set) var downSince: Date?
    private var wasStale = false

    public init(
        environment: String, version: String, healthy: Bool, failAfter: TimeInterval, timeout: TimeInterval?,
        start: Date
    ) {
        self.environment = environment
        self.version = version
        self.healthy = healthy
        self.failAfter = failAfter
        self.timeout = timeout
        self.start = start
    }

    public var deadline: Date? { timeout.map { start.addingTimeInterval($0) } }

    /// A look at `now` (the same observation again when only time passed): what changed, and maybe the verdict.
    public mutating func observe(_ obs: WaitObservation, now: Date) -> (events: [WaitEvent], verdict: WaitVerdict?) {
        let previous = last
        let stale = obs.isStale(now: now)
        var events: [WaitEvent] = []
        if let previous {
            events = Self.changes(from: previous, to: obs)
            // Staleness of a present file only (a broken one is told as such; back, it is told only when stale).
            let before = previous.file == .present ? wasStale : false
            if obs.file == .present, stale != before { events.append(stale ? .stale(since: obs.updatedAt) : .fresh) }
        } else {
            events = [.started(obs, stale: stale)] + (obs.requestProblem.map { [.requestProblem($0)] } ?? [])
        }
        wasStale = stale
        last = obs
        let runs = obs.version == version
        if runs { ranVersion = true }
        downSince = runs && obs.health == .down ? (downSince ?? now) : nil
        return (events, verdict(obs, previous: previous, stale: stale, now: now))
    }

    private func verdict(_ obs: WaitObservation, previous: WaitObservation?, stale: Bool, now: Date) -> WaitVerdict? {
        if obs.version == version && (!healthy || (obs.health == .healthy && !stale)) {
            return .arrived(healthy: healthy)
        }
        if ranVersion, let other = obs.version, other != version { return .movedAway(to: other) }
        if let r = obs.request, r.version != version {
            if let previous {
                if r != previous.request { return .replaced(r) }
            } else if obs.version != r.version {
                return .otherRequest(r)
            }
        }
        if healthy, let since = downSince, now.timeIntervalSince(since) >= failAfter {
            return .down(since: since, failAfter: failAfter)
        }
        if let deadline, now >= deadline, let timeout { return .timedOut(after: timeout) }
        return nil
    }

    /// The changes between two looks, in the order a reader follows them.
    static func changes(from a: WaitObservation, to b: WaitObservation) -> [WaitEvent] {
        var out: [WaitEvent] = []
        if a.request != b.request {
            if let r = b.request {
                out.append(.requested(r))
            } else if let r = a.request {
                out.append(.requestWithdrawn(r))
            }
        }
        if a.requestProblem != b.requestProblem, let p = b.requestProblem { out.append(.requestProblem(p)) }
        // A file that comes back is told as such, with what it reports (not "was none").
        let returned = a.file == .missing && b.file == .present
        if a.file != b.file {
            out.append(
                returned ? .fileReturned(version: b.version) : b.file == .present ? .fileBack : .fileProblem(b.file))
        }
        if let v = b.version, v != a.version, !returned { out.append(.version(from: a.version, to: v)) }
        if a.health != b.health {
            out.append(.health(from: a.health, to: b.health, note: b.note))
        }
        return out
    }

    /// When to look again though no file changed: the timeout, the end of --fail-after, the heartbeat's
    /// staleness changing (nil: only a file change can matter).
    public func nextDeadline(after now: Date) -> Date? {
        var dates: [Date] = []
        if let deadline { dates.append(deadline) }
        if healthy, let downSince { dates.append(downSince.addingTimeInterval(failAfter)) }
        if let s = last?.stalenessChanges(after: now) { dates.append(s) }
        return dates.min()
    }
}

extension WaitJudge {
    /// Why a wait for `version` on `environment` cannot start (exit 2): the pipeline cannot be read, no such
    /// environment, no such release (or its file is broken).
    public static func refusal(version: String, environment: String, in snapshot: Snapshot) -> Refusal? {
        guard let pipeline = snapshot.pipeline else {
            if let p = snapshot.problems.first(where: { $0.path == "airlock.yaml" }) {
                return Refusal(.badInput, Refusal.pipelineProblem(p).message)
            }
            return .pipelineUnreadable
        }
        guard pipeline.environments.contains(where: { $0.name == environment }) else {
            return .unknownEnvironment(environment, pipeline: pipeline)
        }
        guard Names.isValidVersion(version) else { return .invalidVersion(version) }
        guard snapshot.releases[version] != nil else {
            if let p = snapshot.problems.first(where: { $0.path == "releases/\(version).yaml" }) {
                return .releaseProblem(p, fix: "release file")
            }
            return .noRelease(version)
        }
        return nil
    }
}
