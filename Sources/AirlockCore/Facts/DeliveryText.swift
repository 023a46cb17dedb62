// Delivery metrics in words and sparklines: the rows `airlock stats` prints and the dashboard's `I` view shows.
import Foundation

/// One metric of an environment as people read it: a label, the figure (or why there is none) and the weekly
/// sparkline (oldest week first).
public struct DeliveryRow: Sendable, Equatable {
    public var label: String
    public var figure: String
    public var spark: String
    /// True when the figure is missing (the text says why): shown dim.
    public var missing: Bool
}

public enum DeliveryText {
    /// The eight levels, lowest first; a week without data is `·`.
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline, one character a week: the level of each value against the largest (nil: `·`). Shapes, not
    /// colors, carry it, so it reads the same in the monochrome theme and with NO_COLOR.
    public static func sparkline(_ values: [Double?]) -> String {
        let top = values.compactMap { $0 }.max() ?? 0
        return String(
            values.map { v -> Character in
                guard let v else { return "·" }
                guard top > 0, v > 0 else { return levels[0] }
                let i = Int((v / top * Double(levels.count - 1)).rounded())
                return levels[max(0, min(levels.count - 1, i))]
            })
    }

    /// A duration in words, from its whole seconds (the JSON's figure), so text and JSON never disagree.
    public static func duration(_ s: TimeInterval) -> String { TimeFormat.formatAge(Double(wholeSeconds(s))) }

    /// Whole seconds, rounded half up (a median of an even count may end in .5), clamped to what dates hold.
    public static func wholeSeconds(_ t: TimeInterval) -> Int {
        t.isFinite ? Int(min(max(t, 0), TimeFormat.maxDuration * 100).rounded(.toNearestOrAwayFromZero)) : 0
    }

    /// `median 2d4h, p90 5d (4)`, or the reason there is no figure.
    public static func summary(_ d: DurationSummary, p90: Bool = true) -> String {
        guard let m = d.median else { return d.missing ?? "not recorded" }
        let tail = p90 ? d.p90.map { ", p90 \(duration($0))" } ?? "" : ""
        return "median \(duration(m))\(tail) (\(d.count))" + (d.note.map { "; \($0)" } ?? "")
    }

    /// A rate in whole percent, rounded half up (the JSON's `rate_percent`).
    public static func percent(_ r: Double) -> Int { Int((r * 100).rounded(.toNearestOrAwayFromZero)) }

    /// The rows of one environment, in the order the SPEC lists the metrics.
    public static func rows(_ e: EnvironmentDelivery, period: DeliveryPeriod) -> [DeliveryRow] {
        var rows: [DeliveryRow] = []
        if let n = e.deployments {
            let note = e.source == .deployedAt ? " (from deployed_at only)" : ""
            rows.append(
                DeliveryRow(
                    label: "deployments", figure: "\(n)\(note)",
                    spark: sparkline(e.deploymentsWeekly.map(Double.init)), missing: false))
        } else {
            rows.append(
                DeliveryRow(
                    label: "deployments", figure: e.sourceMissing ?? "not recorded (no deployed lines, no deployed_at)",
                    spark: "",
                    missing: true))
        }
        rows.append(row("lead time", e.leadTime))
        let cfr = e.changeFailure
        if let v = cfr.value {
            let s = cfr.numerator == 1 ? "" : "s"
            rows.append(
                DeliveryRow(
                    label: "change failure",
                    figure: "\(percent(v))% (\(cfr.numerator) rollback\(s) / \(cfr.denominator) deployments)",
                    spark: sparkline(cfr.weekly), missing: false))
        } else {
            rows.append(DeliveryRow(label: "change failure", figure: cfr.missing ?? "", spark: "", missing: true))
        }
        rows.append(row("restore: rollback", e.restoreRollback, p90: false))
        rows.append(row("restore: down", e.restoreHealth, p90: false))
        if let w = e.waits {
            rows.append(row("wait from \(w.from)", w.candidate))
            for b in w.blocked { rows.append(row("  blocked: \(b.kind)", b.time)) }
            rows.append(
                DeliveryRow(
                    label: "  blocked: others",
                    figure: "not recorded (" + DeliveryWaits.notRecorded.joined(separator: ", ") + ")", spark: "",
                    missing: true))
            rows.append(row("  ready", w.ready))
        }
        return rows
    }

    static func row(_ label: String, _ d: DurationSummary, p90: Bool = true) -> DeliveryRow {
        let spark = d.count > 0 ? sparkline(d.weekly) : ""
        return DeliveryRow(label: label, figure: summary(d, p90: p90), spark: spark, missing: d.median == nil)
    }

    /// The heading: the period, its weeks, and what was read.
    public static func heading(_ s: DeliveryStats, pipeline: String) -> String {
        let from = TimeFormat.formatTimestamp(s.period.since)
        let to = TimeFormat.formatTimestamp(s.period.now)
        return
            "\(pipeline): \(from) to \(to), \(s.period.weeks) week\(s.period.weeks == 1 ? "" : "s") "
            + "(sparklines oldest first)"
    }

    /// What was read of the log, and what was left out.
    public static func footer(_ s: DeliveryStats) -> String {
        var parts = ["\(s.lines) audit lines read"]
        if s.skipped > 0 { parts.append("\(s.skipped) bad lines skipped (airlock check names them)") }
        if s.future > 0 { parts.append("\(s.future) dated in the future, not counted") }
        return parts.joined(separator: "; ")
    }
}
