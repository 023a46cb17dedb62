// A fleet cell (version, health, stale, the incoming promotion's state), a row's summary and the fleet's totals.
import Foundation
import Testing

@testable import AirlockCore

/// staging runs `from`, production `to`, as a fleet member named `name`.
func pairMember(
    _ name: String, from: String? = "1.1.0", to: String? = "1.0.0", _ configure: (inout Snapshot) -> Void = { _ in }
) -> FleetMember {
    FleetMember(name: name, folder: name, snapshot: pair(from: from, to: to, configure: configure))
}

@Suite struct FleetCellTests {
    @Test func aCellIsTheEnvironmentsVersionHealthAndIncomingPromotion() throws {
        let m = pairMember("shop")
        let staging = try #require(Facts.fleetCell(m, environment: "staging", now: t0))
        #expect(staging.version == "1.1.0" && staging.health == .healthy && !staging.stale)
        #expect(staging.incoming == nil && staging.incomingVersion == nil)
        let production = try #require(Facts.fleetCell(m, environment: "production", now: t0))
        #expect(production.version == "1.0.0")
        #expect(production.incoming == .ready && production.incomingVersion == "1.1.0")
    }

    @Test func anEnvironmentThePipelineLacksIsAnEmptyCell() {
        #expect(Facts.fleetCell(pairMember("shop"), environment: "qa", now: t0) == nil)
        let broken = FleetMember(name: "b", folder: "b", snapshot: Snapshot())
        #expect(Facts.fleetCell(broken, environment: "staging", now: t0) == nil)
    }

    @Test func nothingReportedIsUnknownAndStaleIsMarked() throws {
        let silent = try #require(Facts.fleetCell(pairMember("s", to: nil), environment: "production", now: t0))
        #expect(silent.version == nil && silent.health == .unknown)
        let later = t0.addingTimeInterval(2 * 86400)
        let old = try #require(Facts.fleetCell(pairMember("s"), environment: "staging", now: later))
        #expect(old.stale)
    }

    @Test func blockedAndInProgressIncoming() throws {
        let blocked = pairMember("b") {
            $0.pipeline?.environments[1] = env("production") { $0.gates = ["tests-passed"] }
        }
        #expect(try #require(Facts.fleetCell(blocked, environment: "production", now: t0)).incoming == .blocked)
        let moving = pairMember("m") {
            $0.promotions["production"] = PromotionRequest(
                version: "1.1.0", from: "staging", kind: .promotion, requestedBy: "a", requestedAt: t0)
        }
        #expect(try #require(Facts.fleetCell(moving, environment: "production", now: t0)).incoming == .inProgress)
    }

    @Test func rowSummaryCountsPendingByStateAndProblems() {
        let m = pairMember("p") {
            $0.problems = [
                Problem(path: "x.yaml", line: 1, message: "bad"), Problem(path: "y.yaml", line: nil, message: "b"),
            ]
        }
        #expect(Facts.fleetRow(m, now: t0) == FleetRowSummary(ready: 1, blocked: 0, inProgress: 0, problems: 2))
        let blocked = pairMember("b") {
            $0.pipeline?.environments[1] = env("production") { $0.gates = ["tests-passed"] }
        }
        #expect(Facts.fleetRow(blocked, now: t0) == FleetRowSummary(ready: 0, blocked: 1, inProgress: 0, problems: 0))
    }

    @Test func totalsCountDownStaleReadyBlockedAndProblems() {
        let down = pairMember("down") { $0.environments["production"]?.health = .down }
        let stale = pairMember("stale") { $0.environments["staging"]?.updatedAt = t0.addingTimeInterval(-2 * 86400) }
        let ok = pairMember("ok")
        let fleet = Fleet(
            name: "f", members: [down, stale, ok],
            problems: [Problem(path: "fleet.yaml", line: 2, message: "order: x names no pipeline of the fleet")])
        let totals = Facts.fleetTotals(fleet, now: t0)
        #expect(totals.pipelines == 3)
        #expect(totals.down == 1)
        #expect(totals.stale == 1)
        // down's promotion is still ready (a down target does not block); stale's is blocked by its stale source.
        #expect(totals.ready + totals.blocked == 3)
        #expect(totals.blocked >= 1)
        #expect(totals.problems == 1)
    }
}
