// Delivery metrics' value types: a period cut into weeks, a summary of durations (median, p90), a ratio.
import Foundation

/// The period a question covers, `since` up to `now`, cut into weeks counted back from `now` (oldest first).
public struct DeliveryPeriod: Sendable, Equatable {
    public var since: Date
    public var now: Date
    public static let week: TimeInterval = 7 * 86400

    public init(since: Date, now: Date) {
        self.since = min(since, now)
        self.now = now
    }

    /// How many weeks the sparklines have: the period's length in weeks, rounded up, at least one.
    public var weeks: Int {
        let span = now.timeIntervalSince(since)
        return max(1, Int((span / Self.week).rounded(.up)))
    }

    public func contains(_ t: Date) -> Bool { t >= since && t <= now }

    /// The week a time falls in (0 is the oldest), or nil outside the period.
    public func week(of t: Date) -> Int? {
        guard contains(t) else { return nil }
        let back = Int(now.timeIntervalSince(t) / Self.week)
        return max(0, weeks - 1 - back)
    }

    /// When week `i` starts (the oldest may start before `since`).
    public func weekStart(_ i: Int) -> Date { now.addingTimeInterval(-Double(weeks - i) * Self.week) }
}

/// Durations summarized: how many, their median and 90th percentile, or why there is none.
public struct DurationSummary: Sendable, Equatable {
    public var count: Int
    public var median: TimeInterval?
    public var p90: TimeInterval?
    /// Why there is no figure (nil when there is one).
    public var missing: String?
    /// The weekly medians, oldest week first (nil: no sample that week).
    public var weekly: [TimeInterval?]
    /// Samples the figure leaves out, and why (`2 with created_at after arrival not counted`), or nil.
    public var note: String?

    public init(
        samples: [(week: Int, seconds: TimeInterval)], weeks: Int, missing: String, note: String? = nil
    ) {
        self.note = note
        let all = samples.map(\.seconds)
        count = all.count
        median = Quantile.median(all)
        p90 = Quantile.p90(all)
        self.missing = all.isEmpty ? missing : nil
        var byWeek = [[TimeInterval]](repeating: [], count: weeks)
        for s in samples where byWeek.indices.contains(s.week) { byWeek[s.week].append(s.seconds) }
        weekly = byWeek.map(Quantile.median)
    }
}

/// A rate of two counts (rollbacks / deployments), or why there is none.
public struct DeliveryRatio: Sendable, Equatable {
    public var numerator: Int
    public var denominator: Int
    public var missing: String?
    public var weekly: [Double?]
    /// False when the log cannot tell the rollbacks (it holds no line): `numerator` is then no count.
    public var rollbacksRecorded = true

    public var value: Double? { denominator > 0 && rollbacksRecorded ? Double(numerator) / Double(denominator) : nil }
}

/// Median and 90th percentile as SPEC defines them.
public enum Quantile {
    /// The middle value; with an even count, the mean of the two middle values. Nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        let v = values.sorted()
        guard !v.isEmpty else { return nil }
        let mid = v.count / 2
        return v.count % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2
    }

    /// The nearest-rank 90th percentile: the smallest value with at least 90% of the values at or below it.
    public static func p90(_ values: [Double]) -> Double? {
        let v = values.sorted()
        guard !v.isEmpty else { return nil }
        // ceil(0.9 * n) computed in integers (n * 9 / 10 rounded up): no floating-point surprise at n = 10.
        let rank = (v.count * 9 + 9) / 10
        return v[max(0, min(v.count - 1, rank - 1))]
    }
}
