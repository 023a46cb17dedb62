// Delivery metrics per environment (deployments, lead time, change failure rate, time to restore), from the audit
// lines `DeliveryLog` gathered and the root's current files; SPEC section "Delivery metrics" gives each formula.
import Foundation

/// Where "first seen running" comes from for an environment.
public enum FirstSeenSource: String, Sendable, Equatable {
    /// `deployed` audit lines (written by `airlock report`).
    case deployed
    /// No `deployed` line names the environment: only its file's `deployed_at` for the version it runs now.
    case deployedAt = "deployed_at"
    /// Neither: nothing says when a version started running there.
    case none
}

/// One environment's figures over a period.
public struct EnvironmentDelivery: Sendable, Equatable {
    public var name: String
    public var source: FirstSeenSource
    /// Why nothing says when a version started running (source `none`), else nil.
    public var sourceMissing: String?
    /// Deployments in the period (nil: not recorded), and per week, oldest first.
    public var deployments: Int?
    public var deploymentsWeekly: [Int]
    public var leadTime: DurationSummary
    public var changeFailure: DeliveryRatio
    public var restoreRollback: DurationSummary
    public var restoreHealth: DurationSummary
    /// Where releases waited before entering it (nil for the first environment: nothing is promoted into it).
    public var waits: DeliveryWaits?
}

/// What the metrics read from the root besides the audit log.
public struct DeliveryInput: Sendable {
    public var environments: [EnvironmentConfig]
    public var createdAt: [String: Date]
    /// The version each environment runs now and its file's `deployed_at`.
    public var current: [String: (version: String, deployedAt: Date?)]

    public init(
        environments: [EnvironmentConfig], createdAt: [String: Date],
        current: [String: (version: String, deployedAt: Date?)]
    ) {
        self.environments = environments
        self.createdAt = createdAt
        self.current = current
    }

    public init(_ snap: Snapshot) {
        environments = snap.pipeline?.environments ?? []
        createdAt = snap.releases.compactMapValues(\.createdAt)
        current = [:]
        for (name, status) in snap.environments {
            if let v = status.version { current[name] = (v, status.deployedAt) }
        }
    }
}

/// The metrics of every environment (in pipeline order) over a period.
public struct DeliveryStats: Sendable, Equatable {
    public var period: DeliveryPeriod
    public var environments: [EnvironmentDelivery]
    /// Valid lines read, bad lines skipped, lines dated after now (not used).
    public var lines: Int
    public var skipped: Int
    public var future: Int

    /// What a figure read from audit lines says when the log holds no line at or before now (absent, empty, or only
    /// bad or future lines): it cannot tell that there were no rollbacks or promotions.
    public static let noAuditLines = "not recorded (no audit lines)"

    public static func compute(
        _ gathered: DeliveryLog, input: DeliveryInput, period: DeliveryPeriod, skipped: Int = 0
    ) -> DeliveryStats {
        var log = gathered
        let noLog = log.lines - log.future <= 0
        log.sort()
        var input = input
        // A release's creation: its file's created_at, else its `release` line.
        input.createdAt.merge(log.released) { file, _ in file }
        let seen = Dictionary(
            uniqueKeysWithValues: input.environments.map { ($0.name, firstSeen(log, input, $0.name)) })
        var out: [EnvironmentDelivery] = []
        for (i, config) in input.environments.enumerated() {
            let env = config.name
            let (source, runs) = seen[env] ?? (.none, [])
            let why = source == .none ? notSeen(input, env, now: log.now) : nil
            var d = EnvironmentDelivery(
                name: env, source: source, sourceMissing: why, deployments: nil,
                deploymentsWeekly: Array(repeating: 0, count: period.weeks),
                leadTime: leadTime(runs, notSeen: why, input: input, period: period),
                changeFailure: DeliveryRatio(numerator: 0, denominator: 0, missing: nil, weekly: []),
                restoreRollback: noLog
                    ? DurationSummary(samples: [], weeks: period.weeks, missing: noAuditLines)
                    : restoreRollback(log, input, env, source: source, period: period),
                restoreHealth: restoreHealth(log.health[env] ?? [], period: period),
                waits: nil)
            if source != .none {
                let inPeriod = runs.compactMap { period.week(of: $0.at) }
                d.deployments = inPeriod.count
                for w in inPeriod { d.deploymentsWeekly[w] += 1 }
            }
            d.changeFailure = changeFailure(log.rollbacks[env] ?? [], d, period: period)
            if noLog {
                d.changeFailure.rollbacksRecorded = false
                d.changeFailure.missing = noAuditLines
                d.changeFailure.weekly = Array(repeating: nil, count: period.weeks)
            }
            if i > 0 {
                let from = input.environments[i - 1]
                d.waits = DeliveryWaits.compute(
                    log, into: config, from: from, fromSeen: seen[from.name] ?? (.none, []), period: period,
                    noLog: noLog)
            }
            out.append(d)
        }
        return DeliveryStats(
            period: period, environments: out, lines: log.lines, skipped: skipped, future: log.future)
    }

    /// Each time the environment started running a version (every `deployed` line), oldest first; without such
    /// lines, the current version at its `deployed_at`.
    static func firstSeen(
        _ log: DeliveryLog, _ input: DeliveryInput, _ env: String
    ) -> (FirstSeenSource, [DeliveryLog.Event]) {
        if let lines = log.deployed[env], !lines.isEmpty { return (.deployed, lines) }
        if let cur = input.current[env], let at = cur.deployedAt, at <= log.now {
            return (.deployedAt, [DeliveryLog.Event(at: at, version: cur.version)])
        }
        return (.none, [])
    }

    /// Why nothing dates E's versions: no `deployed` line and no `deployed_at`, or one dated after now.
    static func notSeen(_ input: DeliveryInput, _ env: String, now: Date) -> String {
        if let at = input.current[env]?.deployedAt, at > now {
            return "not recorded (no deployed lines; deployed_at \(TimeFormat.formatTimestamp(at)) is in the future)"
        }
        return "not recorded (no deployed lines, no deployed_at)"
    }

    static func leadTime(
        _ runs: [DeliveryLog.Event], notSeen: String?, input: DeliveryInput, period: DeliveryPeriod
    ) -> DurationSummary {
        if let notSeen { return DurationSummary(samples: [], weeks: period.weeks, missing: notSeen) }
        // A version's first arrival only: a redeploy (or a rollback to it) is not a new change.
        var firstOf: [String: Date] = [:]
        for r in runs where firstOf[r.version] == nil { firstOf[r.version] = r.at }
        var samples: [(Int, TimeInterval)] = []
        var arrived = 0
        var unknown = 0
        var late = 0
        for (version, at) in firstOf {
            guard let w = period.week(of: at) else { continue }
            arrived += 1
            guard let created = input.createdAt[version] else {
                unknown += 1
                continue
            }
            guard created <= at else {
                late += 1
                continue
            }
            samples.append((w, at.timeIntervalSince(created)))
        }
        let lateText = "\(late) with created_at after arrival not counted"
        let why: String
        switch (unknown, late) {
        case _ where arrived == 0: why = "no new version in the period"
        case (_, 0): why = "no created_at on the releases that arrived"
        case (0, _): why = "not recorded (\(lateText))"
        default: why = "not recorded (\(unknown) without created_at, \(lateText))"
        }
        return DurationSummary(
            samples: samples, weeks: period.weeks, missing: why, note: late > 0 && !samples.isEmpty ? lateText : nil)
    }

    static func changeFailure(
        _ rollbacks: [DeliveryLog.Event], _ d: EnvironmentDelivery, period: DeliveryPeriod
    ) -> DeliveryRatio {
        var weekly = Array(repeating: 0, count: period.weeks)
        for r in rollbacks { if let w = period.week(of: r.at) { weekly[w] += 1 } }
        let count = weekly.reduce(0, +)
        guard let deployments = d.deployments else {
            return DeliveryRatio(
                numerator: count, denominator: 0, missing: "not recorded (no deployments known)",
                weekly: Array(repeating: nil, count: period.weeks))
        }
        let rates: [Double?] = zip(weekly, d.deploymentsWeekly).map { r, n in n > 0 ? Double(r) / Double(n) : nil }
        return DeliveryRatio(
            numerator: count, denominator: deployments,
            missing: deployments == 0 ? "no deployments in the period" : nil, weekly: rates)
    }

    /// From a rollback's request to the first report of its version running there, for rollbacks requested in
    /// the period.
    static func restoreRollback(
        _ log: DeliveryLog, _ input: DeliveryInput, _ env: String, source: FirstSeenSource, period: DeliveryPeriod
    ) -> DurationSummary {
        let asked = (log.rollbacks[env] ?? []).filter { period.contains($0.at) }
        guard !asked.isEmpty else {
            return DurationSummary(samples: [], weeks: period.weeks, missing: "no rollback in the period")
        }
        var runs: [String: [Date]] = [:]
        for e in log.deployed[env] ?? [] { runs[e.version, default: []].append(e.at) }
        var samples: [(Int, TimeInterval)] = []
        for r in asked {
            var running: Date?
            if source == .deployed {
                running = runs[r.version]?.first { $0 >= r.at }
            } else if let cur = input.current[env], cur.version == r.version, let at = cur.deployedAt, at >= r.at {
                running = at
            }
            if let running, let w = period.week(of: r.at) { samples.append((w, running.timeIntervalSince(r.at))) }
        }
        return DurationSummary(
            samples: samples, weeks: period.weeks, missing: "no rollback was reported running (deployed lines)")
    }

    /// From a `health` line saying `down` to the next one saying `healthy`, for recoveries in the period.
    static func restoreHealth(_ lines: [DeliveryLog.Event], period: DeliveryPeriod) -> DurationSummary {
        guard !lines.isEmpty else {
            return DurationSummary(samples: [], weeks: period.weeks, missing: "not recorded (no health lines)")
        }
        var samples: [(Int, TimeInterval)] = []
        var downAt: Date?
        for e in lines {
            if e.detail == "down", downAt == nil { downAt = e.at }
            if e.detail == "healthy", let d = downAt {
                if let w = period.week(of: e.at) { samples.append((w, e.at.timeIntervalSince(d))) }
                downAt = nil
            }
        }
        return DurationSummary(samples: samples, weeks: period.weeks, missing: "no recovery from down in the period")
    }
}
