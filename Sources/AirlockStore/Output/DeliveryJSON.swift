// `airlock stats --json`: delivery metrics as one object, the same figures the text and the dashboard show.
import AirlockCore
import Foundation

public enum DeliveryJSON {
    public static func render(_ s: DeliveryStats, pipeline: String) -> JSON {
        .object([
            ("pipeline", .string(pipeline)),
            ("since", .string(TimeFormat.formatTimestamp(s.period.since))),
            ("until", .string(TimeFormat.formatTimestamp(s.period.now))),
            ("weeks", .array((0..<s.period.weeks).map { .string(TimeFormat.formatTimestamp(s.period.weekStart($0))) })),
            ("environments", .array(s.environments.map(environment))),
            ("audit", .object([("lines", .int(s.lines)), ("skipped", .int(s.skipped)), ("future", .int(s.future))])),
        ])
    }

    static func environment(_ e: EnvironmentDelivery) -> JSON {
        let cfr = e.changeFailure
        return .object([
            ("name", .string(e.name)),
            ("first_seen_from", .string(e.source.rawValue)),
            (
                "deployments",
                .object([
                    ("count", e.deployments.map(JSON.int) ?? .null),
                    ("weekly", e.deployments == nil ? .null : .array(e.deploymentsWeekly.map(JSON.int))),
                    ("missing", .optional(e.deployments == nil ? e.sourceMissing : nil)),
                ])
            ),
            ("lead_time", durations(e.leadTime)),
            (
                "change_failure_rate",
                .object([
                    ("rate_percent", cfr.value.map { .int(DeliveryText.percent($0)) } ?? .null),
                    ("rollbacks", cfr.rollbacksRecorded ? .int(cfr.numerator) : .null),
                    ("deployments", e.deployments.map(JSON.int) ?? .null),
                    ("missing", .optional(cfr.missing)),
                    ("weekly_percent", .array(cfr.weekly.map { $0.map { .int(DeliveryText.percent($0)) } ?? .null })),
                ])
            ),
            (
                "time_to_restore",
                .object([("rollback", durations(e.restoreRollback)), ("down", durations(e.restoreHealth))])
            ),
            ("waits", e.waits.map(waits) ?? .null),
        ])
    }

    static func waits(_ w: DeliveryWaits) -> JSON {
        .object([
            ("from", .string(w.from)),
            ("candidate", durations(w.candidate)),
            ("ready", durations(w.ready)),
            ("blocked", .object(w.blocked.map { ($0.kind, durations($0.time)) })),
            ("not_recorded", .array(DeliveryWaits.notRecorded.map(JSON.string))),
        ])
    }

    /// Whole seconds (a median of an even count may end in .5: rounded half up, as the text's figures).
    static func durations(_ d: DurationSummary) -> JSON {
        .object([
            ("count", .int(d.count)),
            ("median_seconds", d.median.map { .int(seconds($0)) } ?? .null),
            ("p90_seconds", d.p90.map { .int(seconds($0)) } ?? .null),
            ("missing", .optional(d.missing)),
            ("note", .optional(d.note)),
            ("weekly_median_seconds", .array(d.weekly.map { $0.map { .int(seconds($0)) } ?? .null })),
        ])
    }

    static func seconds(_ t: TimeInterval) -> Int { DeliveryText.wholeSeconds(t) }
}
