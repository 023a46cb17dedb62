// Where releases wait before entering an environment: time as a candidate, split by the blockers the audit log can
// date (approvals, gates, the source's health, its soak) and the time ready; the others are "not recorded".
import Foundation

/// How long releases waited to be promoted from `from` into an environment, for promotions in the period.
public struct DeliveryWaits: Sendable, Equatable {
    public var from: String
    /// From the version's first `deployed` line in `from` to the `promote` line into the environment.
    public var candidate: DurationSummary
    /// From when the last recorded blocker cleared to the promotion.
    public var ready: DurationSummary
    /// Time blocked, per blocker kind the log can date, in blocker order.
    public var blocked: [(kind: String, time: DurationSummary)]
    /// Blocker kinds the audit log holds nothing about: no figure is given for them.
    public static let notRecorded = ["unknown-release", "freeze", "stale", "schema"]

    public static func == (a: DeliveryWaits, b: DeliveryWaits) -> Bool {
        a.from == b.from && a.candidate == b.candidate && a.ready == b.ready
            && a.blocked.map(\.kind) == b.blocked.map(\.kind) && a.blocked.map(\.time) == b.blocked.map(\.time)
    }

    static func compute(
        _ log: DeliveryLog, into env: EnvironmentConfig, from: EnvironmentConfig,
        fromSeen: (FirstSeenSource, [DeliveryLog.Event]), period: DeliveryPeriod, noLog: Bool = false
    ) -> DeliveryWaits {
        let weeks = period.weeks
        let gates = env.gates.filter { $0 != "approval" }
        var candidate: [(Int, TimeInterval)] = []
        var ready: [(Int, TimeInterval)] = []
        var kinds: [String: [(Int, TimeInterval)]] = [:]
        var promoted = 0
        // When `from` started running each version, in time order (looked up per promotion, not scanned).
        var arrivals: [String: [Date]] = [:]
        for e in fromSeen.1 { arrivals[e.version, default: []].append(e.at) }
        let health = log.health[from.name] ?? []
        for p in log.promotions[env.name] ?? [] where p.detail == from.name {
            guard let week = period.week(of: p.at) else { continue }
            promoted += 1
            // The candidate's start: the last time `from` started running it before the promotion.
            guard let start = arrivals[p.version]?.last(where: { $0 <= p.at }) else {
                continue
            }
            candidate.append((week, p.at.timeIntervalSince(start)))
            // When each dated blocker cleared; nil when the log cannot say (then "ready" cannot be dated either).
            var cleared: [Date?] = []
            if env.requiredApprovals > 0 {
                let times = (log.approvals[env.name]?[p.version] ?? []).filter { $0 <= p.at }
                let met = times.count >= env.requiredApprovals ? times[env.requiredApprovals - 1] : nil
                if let met { kinds["approvals", default: []].append((week, max(0, met.timeIntervalSince(start)))) }
                cleared.append(met)
            }
            if !gates.isEmpty {
                let done = gatesDone(log.checks[p.version] ?? [:], gates, before: p.at)
                if let done { kinds["gate", default: []].append((week, max(0, done.timeIntervalSince(start)))) }
                cleared.append(done)
            }
            if let (time, back) = unhealthy(health, from: start, to: p.at) {
                kinds["unhealthy", default: []].append((week, time))
                cleared.append(back)
            } else {
                cleared.append(nil)
            }
            if let soak = from.soak {
                let end = min(p.at, start.addingTimeInterval(soak))
                kinds["soak", default: []].append((week, end.timeIntervalSince(start)))
                cleared.append(end)
            }
            if !cleared.contains(where: { $0 == nil }) {
                let last = cleared.compactMap { $0 }.max() ?? start
                ready.append((week, max(0, p.at.timeIntervalSince(max(last, start)))))
            }
        }
        let noStart =
            noLog
            ? DeliveryStats.noAuditLines
            : promoted == 0
                ? "no promotion from \(from.name) in the period"
                : "not recorded (no deployed line dates the release's arrival in \(from.name))"
        var blocked: [(String, DurationSummary)] = []
        let missing = noLog ? DeliveryStats.noAuditLines : "not recorded for these promotions"
        if env.requiredApprovals > 0 {
            blocked.append(
                ("approvals", DurationSummary(samples: kinds["approvals"] ?? [], weeks: weeks, missing: missing)))
        }
        if !gates.isEmpty {
            blocked.append(("gate", DurationSummary(samples: kinds["gate"] ?? [], weeks: weeks, missing: missing)))
        }
        blocked.append(
            (
                "unhealthy",
                DurationSummary(
                    samples: kinds["unhealthy"] ?? [], weeks: weeks,
                    missing: noLog
                        ? DeliveryStats.noAuditLines : "not recorded (no health line before the release arrived)")
            ))
        if from.soak != nil {
            blocked.append(("soak", DurationSummary(samples: kinds["soak"] ?? [], weeks: weeks, missing: missing)))
        }
        return DeliveryWaits(
            from: from.name,
            candidate: DurationSummary(samples: candidate, weeks: weeks, missing: noStart),
            ready: DurationSummary(
                samples: ready, weeks: weeks,
                missing: candidate.isEmpty ? noStart : "not recorded (a blocker's end is not in the log)"),
            blocked: blocked)
    }

    /// When the last of the gates was ticked (and not unticked since) before `before`; nil when one never was.
    static func gatesDone(
        _ items: [String: [(at: Date, done: Bool)]], _ gates: [String], before: Date
    ) -> Date? {
        var last = Date.distantPast
        for g in gates {
            guard let final = items[g]?.last(where: { $0.at <= before }), final.done else { return nil }
            last = max(last, final.at)
        }
        return last
    }

    /// Time `from` was not healthy within [start, end] by its `health` lines, and when it last turned healthy
    /// there (start when it was healthy all along); nil when no health line dates its health at `start`.
    static func unhealthy(_ lines: [DeliveryLog.Event], from start: Date, to end: Date) -> (TimeInterval, Date)? {
        // The first line after `start`, by bisection (the lines are in time order).
        var lo = 0
        var hi = lines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lines[mid].at <= start { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        var healthy = lines[lo - 1].detail == "healthy"
        var since = start
        var total: TimeInterval = 0
        var back = start
        for e in lines[lo...] {
            if e.at > end { break }
            let now = e.detail == "healthy"
            if healthy != now {
                if now {
                    total += e.at.timeIntervalSince(since)
                    back = e.at
                } else {
                    since = e.at
                }
                healthy = now
            }
        }
        if !healthy {
            total += end.timeIntervalSince(since)
            back = end
        }
        return (total, back)
    }
}
