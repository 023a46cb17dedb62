// airlock.yaml's `separate_duties` (top and per environment) and `windows:` as read, with their defaults.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// A pipeline of staging and production with `extra` appended at the top level.
func governancePipeline(_ extra: String, production: String = "") -> String {
    """
    pipeline: shop
    environments:
      - name: staging
      - name: production
        protected: true
        approvers: [alice, bob]
    \(production)
    \(extra)
    """
}

@Suite struct GovernanceDecoderTests {
    @Test func separateDutiesAtTheTopAppliesToEveryEnvironmentAndAnEnvironmentsOwnWins() throws {
        var snap = TempRoot(["airlock.yaml": governancePipeline("separate_duties: true")]).load()
        #expect(snap.problems.isEmpty, "\(snap.problems)")
        #expect(snap.pipeline?.environments.map(\.separateDuties) == [true, true])
        snap = TempRoot([
            "airlock.yaml": governancePipeline("separate_duties: true", production: "    separate_duties: false")
        ]).load()
        #expect(snap.pipeline?.environments.map(\.separateDuties) == [true, false])
        snap = TempRoot(["airlock.yaml": governancePipeline("", production: "    separate_duties: yes")]).load()
        #expect(snap.pipeline?.environments.map(\.separateDuties) == [false, true])
        snap = TempRoot(["airlock.yaml": governancePipeline("")]).load()
        #expect(snap.pipeline?.environments.map(\.separateDuties) == [false, false], "off by default")
    }

    @Test func aSeparateDutiesThatIsNotABoolIsAProblemWithItsLine() {
        let snap = TempRoot(["airlock.yaml": governancePipeline("separate_duties: maybe")]).load()
        #expect(snap.problems.map(\.description) == ["airlock.yaml:8: separate_duties: expected true or false"])
    }

    @Test func aWindowAsTheSpecWritesIt() throws {
        let yaml = governancePipeline(
            """
            windows:
              - {environments: [production], days: [mon, tue, wed, thu], from: "09:00", until: "16:00",
                 zone: Europe/Berlin, name: office-hours}
              - environments: [production, staging]
                from: 22:00
                until: 02:00
            """)
        let snap = TempRoot(["airlock.yaml": yaml]).load()
        #expect(snap.problems.isEmpty, "\(snap.problems)")
        let windows = try #require(snap.pipeline?.windows)
        #expect(windows.count == 2)
        #expect(windows[0].name == "office-hours" && windows[0].environments == ["production"])
        #expect(windows[0].days == [.mon, .tue, .wed, .thu] && windows[0].from == 540 && windows[0].until == 960)
        #expect(windows[0].zone.identifier == "Europe/Berlin")
        // Defaults: every day, UTC, the hours as its name; unquoted 22:00 (a YAML 1.1 number) is read as text.
        #expect(windows[1].name == "22:00-02:00" && windows[1].days.count == 7 && windows[1].zone.secondsFromGMT() == 0)
        #expect(Facts.windowHours(windows[0]) == "mon-thu 09:00-16:00 Europe/Berlin")
        #expect(Facts.windowHours(windows[1]) == "every day 22:00-02:00 UTC")
    }

    @Test func promotionsIntoAnEnvironmentOutsideItsWindowsAreBlocked() throws {
        let yaml = governancePipeline(
            "windows:\n  - {environments: [production], days: [sun], from: \"00:00\", until: \"00:01\"}")
        let root = TempRoot([
            "airlock.yaml": yaml,
            "environments/staging.yaml": "version: 1.1.0\nupdated_at: \(recent)\nhealth: healthy\n",
            "environments/production.yaml": "version: 1.0.0\nupdated_at: \(recent)\nhealth: healthy\n",
            "releases/1.1.0.yaml": "version: 1.1.0\n",
        ])
        let snap = root.load()
        // 2026-11-18 is a Wednesday: closed (the heartbeats, written now, are ahead of that clock: stale).
        let wednesday = try #require(TimeFormat.parseTimestamp("2026-11-18T12:00:00Z"))
        #expect(
            Rules.pending(into: 1, snapshot: snap, now: wednesday)?.blockers.map(\.code)
                == ["approvals:0/1", "window:00:00-00:01", "stale:staging"])
    }
}
