// The demo's history: consistent with its files, and moved to the present on copy so the last 30 days hold it.

import AirlockDemo
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct DemoHistoryTests {
    func stats(_ root: String, now: Date) throws -> DeliveryStats {
        let snap = RootLoader(root: root).load()
        let period = DeliveryPeriod(since: now.addingTimeInterval(-30 * 86400), now: now)
        return try AuditDelivery.stats(root: root, snapshot: snap, period: period).get()
    }

    @Test func theHistoryIsValidAndMeansSomethingOverFourMonths() throws {
        let root = try DemoRoot.create()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(RootLoader(root: root).load().problems.isEmpty)
        #expect(AuditScan.problems(root: root).isEmpty)
        let now = try #require(TimeFormat.parseTimestamp("2026-11-22T00:00:00Z"))
        let s = try stats(root, now: now)
        let production = try #require(s.environments.last)
        #expect(s.skipped == 0 && s.future == 0)
        #expect(production.source == .deployed && production.deployments == 3)
        // The last 30 days hold 2.2.0's rollback (restored in 16 minutes) and its outage (50 minutes).
        #expect(production.changeFailure.numerator == 1 && production.changeFailure.value == 1.0 / 3)
        #expect(production.restoreRollback.median == 16 * 60.0)
        #expect(production.restoreHealth.median == 50 * 60.0)
        // Over 16 weeks: the rollbacks of 2.1.1 (18 minutes) and 2.2.0 (16), and the outages they caused (45, 50).
        let long = DeliveryPeriod(since: now.addingTimeInterval(-16 * 7 * 86400), now: now)
        let all = DeliveryStats.compute(
            try gathered(root, now: now), input: DeliveryInput(RootLoader(root: root).load()), period: long)
        let p = try #require(all.environments.last)
        #expect(p.changeFailure.numerator == 2)
        #expect(p.restoreRollback.median == 17 * 60.0)
        #expect(p.restoreHealth.median == 47.5 * 60.0)
    }

    func gathered(_ root: String, now: Date) throws -> DeliveryLog {
        var log = DeliveryLog(now: now)
        for e in RootLoader(root: root).load().audit { log.add(e) }
        return log
    }

    @Test func aCopyMadeLaterIsShiftedByWholeWeeks() throws {
        let anchor = DemoTimeShift.anchor
        let later = anchor.addingTimeInterval(10 * 7 * 86400 + 3 * 86400 + 5)
        #expect(DemoTimeShift.offset(now: later) == 10 * 7 * 86400)
        #expect(DemoTimeShift.offset(now: anchor.addingTimeInterval(-86400)) == 0)
        let plain = try DemoRoot.create()
        let shifted = try DemoRoot.create(shiftedTo: later)
        defer {
            try? FileManager.default.removeItem(atPath: plain)
            try? FileManager.default.removeItem(atPath: shifted)
        }
        let a = RootLoader(root: plain).load()
        let b = RootLoader(root: shifted).load()
        #expect(b.problems.isEmpty)
        #expect(a.audit.count == b.audit.count)
        for (x, y) in zip(a.audit, b.audit) { #expect(y.at.timeIntervalSince(x.at) == 10 * 7 * 86400) }
        let created = try #require(a.releases["2.4.0"]?.createdAt)
        #expect(b.releases["2.4.0"]?.createdAt == created.addingTimeInterval(10 * 7 * 86400))
        // The last 30 days before the later moment hold the shifted history; the unshifted copy's are empty.
        #expect(try stats(shifted, now: later).environments.last?.deployments == 3)
        #expect(try stats(plain, now: later).environments.last?.deployments == 0)
        #expect(DemoTimeShift.shift("at 2026-11-20T10:00:00Z.", by: 86400) == "at 2026-11-21T10:00:00Z.")
    }
}
