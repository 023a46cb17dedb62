// Delivery metrics from hand-made audit entries at fixed times: every formula, quantiles, empty and missing data.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct DeliveryStatsTests {
    static let t0 = Date(timeIntervalSinceReferenceDate: 800_000_000)
    static let now = t0.addingTimeInterval(28 * 86400)
    let period = DeliveryPeriod(since: t0, now: now)

    static func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }

    static func entry(
        _ h: Double, _ action: AuditAction, _ v: String, _ env: String?, from: String? = nil, item: String? = nil,
        health: String? = nil
    ) -> AuditEntry {
        AuditEntry(
            at: at(h), actor: "ci", action: action, version: v, environment: env, from: from, item: item, health: health
        )
    }

    static let envs = [
        EnvironmentConfig(name: "staging", soak: 3600),
        EnvironmentConfig(name: "production", gates: ["tests", "approval"], requiredApprovals: 2),
    ]

    func stats(_ entries: [AuditEntry], created: [String: Date] = [:], current: [String: (String, Date?)] = [:])
        -> DeliveryStats
    {
        var log = DeliveryLog(now: Self.now)
        for e in entries { log.add(e) }
        let input = DeliveryInput(
            environments: Self.envs, createdAt: created,
            current: current.mapValues { (version: $0.0, deployedAt: $0.1) })
        return DeliveryStats.compute(log, input: input, period: period)
    }

    @Test func medianAndP90OnOddAndEvenCounts() {
        #expect(Quantile.median([]) == nil && Quantile.p90([]) == nil)
        #expect(Quantile.median([5]) == 5 && Quantile.p90([5]) == 5)
        #expect(Quantile.median([3, 1, 2]) == 2)
        #expect(Quantile.median([4, 1, 3, 2]) == 2.5)
        #expect(Quantile.p90(Array(1...10).map(Double.init)) == 9)
        #expect(Quantile.p90(Array(1...11).map(Double.init)) == 10)
        #expect(Quantile.p90([1, 2]) == 2)
    }

    @Test func periodWeeksOldestFirst() {
        #expect(period.weeks == 4)
        #expect(period.week(of: Self.t0) == 0)
        #expect(period.week(of: Self.now) == 3)
        #expect(period.week(of: Self.now.addingTimeInterval(-86400)) == 3)
        #expect(period.week(of: Self.t0.addingTimeInterval(-1)) == nil)
        #expect(DeliveryPeriod(since: Self.t0, now: Self.t0.addingTimeInterval(8 * 86400)).weeks == 2)
    }

    @Test func deploymentsLeadTimeAndChangeFailureRate() {
        let s = stats(
            [
                Self.entry(10, .deployed, "1.0.0", "production"),
                Self.entry(200, .deployed, "1.1.0", "production"),
                Self.entry(210, .rollback, "1.0.0", "production"),
                Self.entry(212, .deployed, "1.0.0", "production"),
                Self.entry(600, .deployed, "1.2.0", "production"),
            ],
            created: ["1.0.0": Self.at(0), "1.1.0": Self.at(100), "1.2.0": Self.at(590)])
        let p = s.environments[1]
        #expect(p.source == .deployed)
        #expect(p.deployments == 4)
        #expect(p.deploymentsWeekly == [1, 2, 0, 1])
        // The redeploy of 1.0.0 is not a new change: lead times 10h, 100h, 10h.
        #expect(p.leadTime.count == 3)
        #expect(p.leadTime.median == 36000)
        #expect(p.leadTime.p90 == 360000)
        #expect(p.changeFailure.numerator == 1 && p.changeFailure.denominator == 4)
        #expect(p.changeFailure.value == 0.25)
        #expect(p.changeFailure.weekly == [0, 0.5, nil, 0])
        #expect(p.restoreRollback.median == 7200)
        #expect(DeliveryText.rows(p, period: period)[2].figure == "25% (1 rollback / 4 deployments)")
    }

    @Test func missingDataSaysSoInsteadOfZero() {
        let s = stats([])
        let p = s.environments[1]
        #expect(p.source == .none && p.deployments == nil)
        #expect(p.leadTime.median == nil && p.leadTime.missing?.hasPrefix("not recorded") == true)
        #expect(p.changeFailure.value == nil && p.changeFailure.missing?.hasPrefix("not recorded") == true)
        #expect(p.restoreHealth.missing == "not recorded (no health lines)")
        #expect(p.restoreRollback.missing == DeliveryStats.noAuditLines)
        #expect(p.waits?.candidate.missing == DeliveryStats.noAuditLines)
        let rows = DeliveryText.rows(p, period: period)
        #expect(rows.allSatisfy { $0.missing })
        #expect(!rows.contains { $0.figure.hasPrefix("0") })
    }

    @Test func aLogWithLinesButNoRollbackSaysNoneInThePeriod() {
        let s = stats(
            [Self.entry(10, .deployed, "1.0.0", "production")], current: ["production": ("1.0.0", Self.at(10))])
        let p = s.environments[1]
        #expect(p.changeFailure.value == 0 && p.changeFailure.rollbacksRecorded)
        #expect(p.restoreRollback.missing == "no rollback in the period")
        #expect(p.waits?.candidate.missing == "no promotion from staging in the period")
        let empty = stats([], current: ["production": ("1.0.0", Self.at(10))]).environments[1]
        #expect(empty.deployments == 1 && empty.changeFailure.value == nil && !empty.changeFailure.rollbacksRecorded)
        #expect(DeliveryText.rows(empty, period: period)[2].figure == DeliveryStats.noAuditLines)
    }

    @Test func createdAfterArrivalIsCountedAsLeftOut() {
        let late = stats(
            [Self.entry(10, .deployed, "1.0.0", "production")], created: ["1.0.0": Self.at(20)]
        ).environments[1]
        #expect(late.leadTime.missing == "not recorded (1 with created_at after arrival not counted)")
        let mixed = stats(
            [
                Self.entry(10, .deployed, "1.0.0", "production"), Self.entry(30, .deployed, "1.1.0", "production"),
                Self.entry(40, .deployed, "1.2.0", "production"),
            ], created: ["1.0.0": Self.at(20), "1.1.0": Self.at(28)]
        ).environments[1]
        #expect(mixed.leadTime.count == 1 && mixed.leadTime.note == "1 with created_at after arrival not counted")
        #expect(mixed.leadTime.missing == nil)
        #expect(
            DeliveryText.summary(mixed.leadTime) == "median 2h, p90 2h (1); 1 with created_at after arrival not counted"
        )
        let both = stats(
            [Self.entry(10, .deployed, "1.0.0", "production"), Self.entry(30, .deployed, "1.1.0", "production")],
            created: ["1.0.0": Self.at(20)]
        ).environments[1]
        #expect(
            both.leadTime.missing == "not recorded (1 without created_at, 1 with created_at after arrival not counted)")
    }

    @Test func emptyPeriodIsNotZeroLeadTime() {
        let s = stats(
            [Self.entry(-100, .deployed, "1.0.0", "production")], created: ["1.0.0": Self.at(-200)])
        let p = s.environments[1]
        #expect(p.deployments == 0)
        #expect(p.leadTime.missing == "no new version in the period")
        #expect(p.changeFailure.missing == "no deployments in the period")
    }

    @Test func deployedAtStandsInUntilDeployedLinesExist() {
        let s = stats([], created: ["2.0.0": Self.at(1)], current: ["production": ("2.0.0", Self.at(5))])
        let p = s.environments[1]
        #expect(p.source == .deployedAt && p.deployments == 1)
        #expect(p.leadTime.median == 14400.0)
        // A release without created_at: the lead time says so.
        let q = stats([], current: ["production": ("2.0.0", Self.at(5))]).environments[1]
        #expect(q.leadTime.missing == "no created_at on the releases that arrived")
    }

    @Test func restoreFromDownToHealthy() {
        let s = stats([
            Self.entry(1, .health, "1.0.0", "production", health: "healthy"),
            Self.entry(2, .health, "1.0.0", "production", health: "down"),
            Self.entry(3, .health, "1.0.0", "production", health: "degraded"),
            Self.entry(5, .health, "1.0.0", "production", health: "healthy"),
            Self.entry(6, .health, "1.0.0", "production", health: "degraded"),
            Self.entry(7, .health, "1.0.0", "production", health: "healthy"),
            Self.entry(10, .health, "1.0.0", "production", health: "down"),
            Self.entry(11, .health, "1.0.0", "production", health: "healthy"),
        ])
        let r = s.environments[1].restoreHealth
        #expect(r.count == 2)
        #expect(r.median == 7200.0)
    }

    @Test func linesFromTheFutureAreCountedNotUsed() {
        let s = stats([Self.entry(24 * 40, .deployed, "9.0.0", "production")])
        #expect(s.future == 1 && s.lines == 1)
        #expect(s.environments[1].source == .none)
    }

    @Test func waitsSplitByTheBlockersTheLogDates() {
        let s = stats([
            Self.entry(0, .health, "1.0.0", "staging", health: "healthy"),
            Self.entry(10, .deployed, "1.0.0", "staging"),
            Self.entry(12, .health, "1.0.0", "staging", health: "degraded"),
            Self.entry(15, .health, "1.0.0", "staging", health: "healthy"),
            Self.entry(20, .approve, "1.0.0", "production"),
            Self.entry(30, .check, "1.0.0", nil, item: "tests"),
            Self.entry(31, .uncheck, "1.0.0", nil, item: "tests"),
            Self.entry(32, .check, "1.0.0", nil, item: "tests"),
            Self.entry(40, .approve, "1.0.0", "production"),
            Self.entry(50, .promote, "1.0.0", "production", from: "staging"),
        ])
        guard let w = s.environments[1].waits else {
            Issue.record("no waits")
            return
        }
        #expect(s.environments[0].waits == nil)
        #expect(w.from == "staging")
        #expect(w.candidate.median == 144000.0)
        // Plain values (not Double??): the sanitizer build misreads a doubly optional Double in #expect.
        let kinds = Dictionary(uniqueKeysWithValues: w.blocked.compactMap { b in b.time.median.map { (b.kind, $0) } })
        #expect(w.blocked.map(\.kind) == ["approvals", "gate", "unhealthy", "soak"])
        #expect(kinds["soak"] == 3600.0)
        #expect(kinds["approvals"] == 30.0 * 3600)
        #expect(kinds["gate"] == 22.0 * 3600)
        #expect(kinds["unhealthy"] == 3.0 * 3600)
        // Ready from the second approval (the last blocker to clear) to the promotion.
        #expect(w.ready.median == 36000.0)
    }

    @Test func waitsWithoutArrivalAreNotRecorded() {
        let s = stats([Self.entry(50, .promote, "1.0.0", "production", from: "staging")])
        let w = s.environments[1].waits
        #expect(w?.candidate.median == nil)
        #expect(w?.candidate.missing?.hasPrefix("not recorded") == true)
        #expect(w?.ready.median == nil)
    }

    @Test func sparklineLevelsAndGaps() {
        #expect(DeliveryText.sparkline([0, 1, 2, nil, 7]) == "▁▂▃·█")
        #expect(DeliveryText.sparkline([nil, nil]) == "··")
        #expect(DeliveryText.sparkline([]) == "")
        #expect(DeliveryText.sparkline([0, 0]) == "▁▁")
    }
}
