// The fleet's row orders: by name (the fleet's own order), by attention, by most recent deploy.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct FleetSortTests {
    @Test func sCyclesThroughEveryOrder() {
        #expect(FleetSort.name.next == .attention)
        #expect(FleetSort.attention.next == .recentDeploy)
        #expect(FleetSort.recentDeploy.next == .name)
    }

    @Test func byNameKeepsTheFleetsOrder() {
        let members = [pairMember("zeta"), pairMember("alpha")]
        #expect(Facts.sorted(members, by: .name, now: t0).map(\.name) == ["zeta", "alpha"])
    }

    @Test func attentionPutsDownThenStaleThenBlockedThenProblemsFirst() {
        let fine = pairMember("fine")
        let problems = pairMember("problems") { $0.problems = [Problem(path: "a", line: 1, message: "m")] }
        let blocked = pairMember("blocked") {
            $0.pipeline?.environments[1] = env("production") { $0.gates = ["tests-passed"] }
        }
        let stale = pairMember("stale") { $0.environments["production"]?.updatedAt = t0.addingTimeInterval(-2 * 86400) }
        let down = pairMember("down") { $0.environments["production"]?.health = .down }
        let unread = FleetMember(name: "unread", folder: "unread", snapshot: Snapshot())
        let members = [fine, problems, blocked, stale, unread, down]
        #expect(
            Facts.sorted(members, by: .attention, now: t0).map(\.name) == [
                "down", "stale", "blocked", "problems", "unread", "fine",
            ])
    }

    @Test func attentionTiesKeepTheFleetsOrder() {
        let members = [pairMember("b"), pairMember("a"), pairMember("c")]
        #expect(Facts.sorted(members, by: .attention, now: t0).map(\.name) == ["b", "a", "c"])
    }

    @Test func recentDeployNewestFirstThenThoseNeverDeployed() {
        let old = pairMember("old") { $0.environments["staging"]?.deployedAt = t0.addingTimeInterval(-3600) }
        let new = pairMember("new") { $0.environments["production"]?.deployedAt = t0.addingTimeInterval(-60) }
        let never1 = pairMember("never1")
        let never2 = pairMember("never2")
        let sorted = Facts.sorted([never1, old, never2, new], by: .recentDeploy, now: t0)
        #expect(sorted.map(\.name) == ["new", "old", "never1", "never2"])
    }
}
