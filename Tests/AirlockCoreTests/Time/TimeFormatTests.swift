// Timestamps and durations.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct TimeTests {
    @Test func rfc3339() {
        let d = TimeFormat.parseTimestamp("2026-11-21T22:40:00Z")
        #expect(d != nil)
        #expect(TimeFormat.formatTimestamp(d!) == "2026-11-21T22:40:00Z")
        #expect(TimeFormat.parseTimestamp("2026-11-21T23:40:00+01:00") == d)
        #expect(TimeFormat.parseTimestamp("2026-11-21T22:40:00.500Z")! > d!)
        #expect(TimeFormat.parseTimestamp("2026-02-30T00:00:00Z") == nil)
        #expect(TimeFormat.parseTimestamp("2026-11-21") == nil)
        #expect(TimeFormat.parseTimestamp("2026-11-21T22:40:00") == nil)
        #expect(TimeFormat.formatTimestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(TimeFormat.formatShort(TimeFormat.parseTimestamp("2026-12-27T00:00:00Z")!) == "Dec 27 00:00 UTC")
    }

    @Test func durations() {
        #expect(TimeFormat.parseDuration("30s") == 30)
        #expect(TimeFormat.parseDuration("5m") == 300)
        #expect(TimeFormat.parseDuration("2h") == 7200)
        #expect(TimeFormat.parseDuration("1d") == 86400)
        #expect(TimeFormat.parseDuration("5") == nil)
        #expect(TimeFormat.parseDuration("m") == nil)
        #expect(TimeFormat.parseDuration("-5m") == nil)
        #expect(TimeFormat.parseDuration("5w") == nil)
    }
}
