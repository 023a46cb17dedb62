// Deploy windows against an injected clock: days, zones, across midnight, DST days, the next opening, the blocker.
import Foundation
import Testing

@testable import AirlockCore

/// An instant written as RFC 3339 (the tests' clock).
private func at(_ text: String) -> Date {
    TimeFormat.parseTimestamp(text) ?? Date(timeIntervalSince1970: 0)
}

private func zone(_ id: String) -> TimeZone {
    TimeZone(identifier: id) ?? TimeZone(secondsFromGMT: 0) ?? .current
}

private let officeHours = DeployWindow(
    name: "office-hours", environments: ["production"], days: [.mon, .tue, .wed, .thu], from: 9 * 60,
    until: 16 * 60, zone: zone("Europe/Berlin"))

@Suite struct WindowRuleTests {
    @Test func thisMachineKnowsTheZones() {
        // Foundation carries its own zone data (ICU): no tzdata package is needed.
        #expect(TimeZone(identifier: "Europe/Berlin") != nil)
        #expect(TimeZone(identifier: "America/New_York") != nil)
        #expect(TimeZone(identifier: "Mars/Base") == nil)
    }

    @Test func openOnListedDaysBetweenFromAndUntilInItsZone() {
        // 2026-11-23 is a Monday; Berlin is UTC+1 in November.
        #expect(officeHours.isOpen(at: at("2026-11-23T08:00:00Z")))
        #expect(!officeHours.isOpen(at: at("2026-11-23T07:59:59Z")))
        #expect(officeHours.isOpen(at: at("2026-11-23T14:59:59Z")))
        #expect(!officeHours.isOpen(at: at("2026-11-23T15:00:00Z")), "until is not part of the window")
        #expect(officeHours.isOpen(at: at("2026-11-26T10:00:00Z")), "Thursday")
        #expect(!officeHours.isOpen(at: at("2026-11-27T10:00:00Z")), "Friday is not listed")
        #expect(!officeHours.isOpen(at: at("2026-11-22T10:00:00Z")), "Sunday is not listed")
    }

    @Test func theZoneDecidesTheDay() {
        // Monday 00:30 in Tokyo is still Sunday in UTC.
        let w = DeployWindow(name: "w", environments: [], days: [.mon], from: 0, until: 60, zone: zone("Asia/Tokyo"))
        #expect(w.isOpen(at: at("2026-11-22T15:30:00Z")))
        #expect(!w.isOpen(at: at("2026-11-23T00:30:00Z")))
        // Half-hour offsets: Kolkata is UTC+5:30.
        let k = DeployWindow(name: "k", environments: [], from: 9 * 60, until: 9 * 60 + 30, zone: zone("Asia/Kolkata"))
        #expect(k.isOpen(at: at("2026-11-23T03:30:00Z")) && !k.isOpen(at: at("2026-11-23T04:00:00Z")))
    }

    @Test func untilBeforeFromRunsAcrossMidnightFromTheListedDay() {
        let night = DeployWindow(name: "night", environments: [], days: [.fri], from: 22 * 60, until: 2 * 60)
        #expect(night.isOpen(at: at("2026-11-27T22:00:00Z")), "Friday 22:00")
        #expect(night.isOpen(at: at("2026-11-28T01:59:00Z")), "Saturday 01:59, after Friday")
        #expect(!night.isOpen(at: at("2026-11-28T02:00:00Z")))
        #expect(!night.isOpen(at: at("2026-11-28T22:30:00Z")), "Saturday is not listed")
        #expect(!night.isOpen(at: at("2026-11-27T01:00:00Z")), "Friday 01:00 follows Thursday, not listed")
        #expect(night.nextOpening(after: at("2026-11-23T12:00:00Z")) == at("2026-11-27T22:00:00Z"))
        #expect(night.nextClosing(after: at("2026-11-27T23:00:00Z")) == at("2026-11-28T02:00:00Z"))
        let wholeDay = DeployWindow(name: "d", environments: [], days: [.sun], from: 0, until: 1440)
        #expect(wholeDay.isOpen(at: at("2026-11-22T23:59:59Z")) && !wholeDay.isOpen(at: at("2026-11-23T00:00:00Z")))
    }

    @Test func theNextOpeningIsTheFirstOneAfterNow() {
        // Friday noon: next Monday 09:00 Berlin.
        #expect(officeHours.nextOpening(after: at("2026-11-27T12:00:00Z")) == at("2026-11-30T08:00:00Z"))
        // Monday 07:00 UTC: the same morning.
        #expect(officeHours.nextOpening(after: at("2026-11-23T07:00:00Z")) == at("2026-11-23T08:00:00Z"))
        // Inside the window: the next day's.
        #expect(officeHours.nextOpening(after: at("2026-11-23T10:00:00Z")) == at("2026-11-24T08:00:00Z"))
        #expect(officeHours.nextClosing(after: at("2026-11-23T10:00:00Z")) == at("2026-11-23T15:00:00Z"))
        let never = DeployWindow(name: "n", environments: [], days: [], from: 0, until: 60)
        #expect(never.nextOpening(after: t0) == nil)
    }

    @Test func springForwardOpensASkippedTimeAtTheJump() {
        // Berlin, 2026-03-29 (a Sunday): 02:00 CET jumps to 03:00 CEST at 01:00 UTC; 02:30 never shows.
        let w = DeployWindow(
            name: "w", environments: [], days: [.sun], from: 150, until: 240, zone: zone("Europe/Berlin"))
        #expect(!w.isOpen(at: at("2026-03-29T00:59:59Z")))
        #expect(w.isOpen(at: at("2026-03-29T01:00:00Z")), "03:00 CEST")
        #expect(!w.isOpen(at: at("2026-03-29T02:00:00Z")), "04:00 CEST")
        #expect(w.nextOpening(after: at("2026-03-28T12:00:00Z")) == at("2026-03-29T01:00:00Z"))
        // Office hours keep their wall-clock hours across the change: 08:00 UTC before it, 07:00 UTC after.
        #expect(officeHours.nextOpening(after: at("2026-03-27T12:00:00Z")) == at("2026-03-30T07:00:00Z"))
        #expect(officeHours.nextOpening(after: at("2026-03-20T12:00:00Z")) == at("2026-03-23T08:00:00Z"))
    }

    @Test func fallBackCountsARepeatedTimeTwice() {
        // Berlin, 2026-10-25 (a Sunday): 03:00 CEST goes back to 02:00 CET at 01:00 UTC; 02:00-03:00 shows twice.
        let w = DeployWindow(
            name: "w", environments: [], days: [.sun], from: 120, until: 150, zone: zone("Europe/Berlin"))
        #expect(w.isOpen(at: at("2026-10-25T00:10:00Z")), "02:10 CEST")
        #expect(!w.isOpen(at: at("2026-10-25T00:40:00Z")), "02:40 CEST")
        #expect(w.isOpen(at: at("2026-10-25T01:10:00Z")), "02:10 CET")
        #expect(w.nextOpening(after: at("2026-10-25T00:40:00Z")) == at("2026-10-25T01:00:00Z"))
        #expect(w.nextClosing(after: at("2026-10-25T01:10:00Z")) == at("2026-10-25T01:30:00Z"))
    }

    @Test func farAwayMomentsDoNotTrap() {
        for t in [Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: .infinity)] {
            _ = officeHours.isOpen(at: t)
            _ = officeHours.nextOpening(after: t)
        }
    }

    @Test func aDefaultNameIsTheHours() {
        #expect(DeployWindow.defaultName(from: 540, until: 960) == "09:00-16:00")
        #expect(DeployWindow.defaultName(from: 1320, until: 1440) == "22:00-24:00")
        #expect(DeployWindow.parseClock("09:05", endOfDay: false) == 545)
        #expect(DeployWindow.parseClock("24:00", endOfDay: false) == nil)
        #expect(DeployWindow.parseClock("24:00", endOfDay: true) == 1440)
        for bad in [
            "25:00", "9", "09:60", "-1:00", "0x:10", "09:00:00", "", "١٢:٠٠", "+9:00", "9:05", "9:00",
            "24:01", "00:5",
        ] {
            #expect(DeployWindow.parseClock(bad, endOfDay: true) == nil, "\(bad)")
        }
    }
}

@Suite struct WindowBlockerTests {
    func snapshot(_ windows: [DeployWindow], freeze: Bool = false) -> Snapshot {
        pair { s in
            s.pipeline?.windows = windows
            if freeze {
                s.pipeline?.freezes = [
                    Freeze(environments: ["production"], from: t0 - 60, until: t0 + 3600, reason: "holiday")
                ]
            }
        }
    }

    @Test func outsideEveryWindowTheNextToOpenBlocks() {
        // t0 is 2026-11-18T11:06:40Z, a Wednesday.
        let morning = DeployWindow(name: "morning", environments: ["production"], from: 8 * 60, until: 10 * 60)
        let noon = DeployWindow(name: "noon", environments: ["production"], from: 12 * 60, until: 13 * 60)
        let pending = Rules.pending(into: 1, snapshot: snapshot([morning, noon]), now: t0)
        #expect(pending?.state == .blocked)
        #expect(pending?.blockers == [.window(name: "noon", opens: at("2026-11-18T12:00:00Z"))])
        #expect(pending?.blockers.first?.code == "window:noon")
        #expect(
            pending?.blockers.first?.explanation(now: t0)
                == "outside its deploy windows: noon opens Nov 18 12:00 UTC (in 53m)")
        let notice = Facts.windowNotice(on: "production", pipeline: snapshot([morning, noon]).pipeline!, now: t0)
        #expect(notice == .closed(next: noon, opens: at("2026-11-18T12:00:00Z")))
    }

    @Test func insideAnyWindowNothingBlocks() {
        let open = DeployWindow(name: "open", environments: ["production"], from: 11 * 60, until: 12 * 60)
        let next = DeployWindow(name: "next", environments: ["production"], from: 12 * 60, until: 14 * 60)
        let closed = DeployWindow(name: "closed", environments: ["production"], from: 8 * 60, until: 9 * 60)
        #expect(codes(snapshot([closed, open])) == [])
        // Windows that follow one another close together.
        let notice = Facts.windowNotice(on: "production", pipeline: snapshot([open, next]).pipeline!, now: t0)
        #expect(notice == .open(open, closes: at("2026-11-18T14:00:00Z")))
        // A window of another environment does not apply.
        let staging = DeployWindow(name: "s", environments: ["staging"], from: 8 * 60, until: 9 * 60)
        #expect(codes(snapshot([staging])) == [])
        #expect(Facts.windowNotice(on: "production", pipeline: snapshot([staging]).pipeline!, now: t0) == nil)
    }

    @Test func theWindowComesRightAfterTheFreeze() {
        let closed = DeployWindow(name: "office", environments: ["production"], from: 8 * 60, until: 9 * 60)
        let s = snapshot([closed], freeze: true)
        var bad = s
        bad.environments["staging"]?.health = .down
        #expect(codes(bad) == ["freeze:holiday", "window:office", "unhealthy:staging"])
    }

    @Test func rollbacksIgnoreWindows() {
        let closed = DeployWindow(name: "office", environments: ["production"], from: 8 * 60, until: 9 * 60)
        var s = snapshot([closed])
        s.releases["0.9.0"] = Release(version: "0.9.0")
        var history = RunHistory(environment: "production", current: "1.0.0")
        history.complete = true
        let back = Command.rollback(environment: "production", to: "0.9.0", reason: nil)
        #expect(Authorization.check(back, by: "alice", on: s, now: t0, history: history) == nil)
        let forward = Command.promote(version: "1.1.0", to: "production", reason: nil)
        #expect(Authorization.check(forward, by: "alice", on: s, now: t0)?.blockers == ["window:office"])
    }
}
