// What ships: the releases newer than the target's version up to the one shipped, with what each carries.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct WhatShipsTests {
    /// development 1.3.0, qa 1.2.0, production 1.0.0; releases 1.0.0 ... 1.3.0 (1.1.0 is known only from qa's
    /// history when `withoutFile` names it).
    func fleetOfThree(withoutFile: String? = nil) -> Snapshot {
        var s = Snapshot(
            pipeline: Pipeline(
                name: "p",
                environments: [
                    env("development"), env("qa"),
                    env("production") {
                        $0.gates = ["tests-passed", "approval"]
                        $0.approvers = ["ann", "bo"]
                        $0.requiredApprovals = 1
                    },
                ]))
        s.environments["development"] = status("1.3.0")
        s.environments["qa"] = status("1.2.0")
        s.environments["production"] = status("1.0.0", schema: 7)
        for (i, v) in ["1.0.0", "1.1.0", "1.2.0", "1.3.0"].enumerated() where v != withoutFile {
            s.releases[v] = Release(version: v, createdAt: t0.addingTimeInterval(Double(i) * 3600), notes: "n\(v)")
        }
        return s
    }

    @Test func releasesBetweenInReleaseOrderWithWhatEachCarries() throws {
        var s = fleetOfThree()
        s.releases["1.2.0"]?.createdBy = "carol"
        s.releases["1.2.0"]?.schemaVersion = 8
        s.releases["1.2.0"]?.checklist["tests-passed"] = ChecklistEntry(done: true)
        s.releases["1.2.0"]?.approvals = [Approval(by: "ann", environment: "production")]
        s.releases["1.1.0"]?.schemaVersion = 7
        let w = try #require(Facts.whatShips(from: "qa", into: "production", in: s))
        #expect(w.direction == .forward)
        #expect(w.releases.map(\.version) == ["1.1.0", "1.2.0"])
        #expect(w.checklistItems == ["tests-passed", "approval"])
        #expect(w.checklistIsGates)
        let top = try #require(w.releases.last)
        #expect(top.createdBy == "carol")
        #expect(top.notes == "n1.2.0")
        #expect(top.createdAt == t0.addingTimeInterval(7200))
        #expect(top.checklistDone == 2 && top.checklistTotal == 2)
        #expect(top.schemaNeed == 8 && top.migrates)
        #expect(w.releases.first?.migrates == false)
        #expect(w.releases.first?.checklistDone == 0)
        #expect(w.summary == "2 releases ship from qa (1.2.0) into production (1.0.0)")
    }

    @Test func notNeighboursAndWithoutGatesEveryItemCounts() throws {
        let s = fleetOfThree()
        let w = try #require(Facts.whatShips(from: "development", into: "qa", in: s))
        #expect(w.releases.map(\.version) == ["1.3.0"])
        #expect(!w.checklistIsGates)
        #expect(w.checklistItems == ChecklistItem.builtIn.map(\.id))
        let far = try #require(Facts.whatShips(from: "development", into: "production", in: s))
        #expect(far.releases.map(\.version) == ["1.1.0", "1.2.0", "1.3.0"])
    }

    @Test func targetWithoutAVersionGetsEverythingUpToTheSource() throws {
        var s = fleetOfThree()
        s.environments["production"] = nil
        let w = try #require(Facts.whatShips(from: "qa", into: "production", in: s))
        #expect(w.releases.map(\.version) == ["1.0.0", "1.1.0", "1.2.0"])
        #expect(w.summary.contains("runs no version yet: every release up to 1.2.0"))
    }

    @Test func olderSourceShipsNothingAndSaysItIsARollback() throws {
        let s = fleetOfThree()
        let w = try #require(Facts.whatShips(from: "production", into: "qa", in: s))
        #expect(w.direction == .rollback)
        #expect(w.releases.isEmpty)
        #expect(
            w.summary == "nothing ships: qa runs 1.2.0, newer than production (1.0.0); that direction is a rollback")
        var same = s
        same.environments["qa"]?.version = "1.3.0"
        #expect(Facts.whatShips(from: "development", into: "qa", in: same)?.direction == .same)
        var none = s
        none.environments["qa"] = nil
        #expect(Facts.whatShips(from: "qa", into: "production", in: none)?.direction == .nothing)
    }

    @Test func aVersionWithoutItsFileIsListedAndMarked() throws {
        let s = fleetOfThree(withoutFile: "1.2.0")
        let w = try #require(Facts.whatShips(from: "development", into: "production", in: s))
        #expect(w.releases.map(\.version) == ["1.1.0", "1.2.0", "1.3.0"])
        #expect(w.releases.map(\.hasFile) == [true, false, true])
        #expect(w.withoutFile == 1)
        #expect(w.summary.hasSuffix("(1 without a release file)"))
        // A version nothing runs and no file names is unknown: it cannot be listed.
        let gap = fleetOfThree(withoutFile: "1.1.0")
        #expect(Facts.whatShips(from: "qa", into: "production", in: gap)?.releases.map(\.version) == ["1.2.0"])
    }

    @Test func unknownEnvironmentsGiveNothing() {
        let s = fleetOfThree()
        #expect(Facts.whatShips(from: "nowhere", into: "qa", in: s) == nil)
        #expect(Facts.whatShips(from: "qa", into: "nowhere", in: s) == nil)
        #expect(Facts.whatShips(version: "1.3.0", into: "qa", in: Snapshot()) == nil)
    }

    @Test func fiveHundredReleasesBetweenInOrder() throws {
        var s = fleetOfThree()
        s.releases = [:]
        for minor in 0...500 { s.releases["2.\(minor).0"] = Release(version: "2.\(minor).0") }
        s.environments["qa"]?.version = "2.500.0"
        s.environments["production"]?.version = "2.0.0"
        let w = try #require(Facts.whatShips(from: "qa", into: "production", in: s))
        #expect(w.releases.count == 500)
        #expect(w.releases.first?.version == "2.1.0" && w.releases.last?.version == "2.500.0")
        #expect(w.releases.map(\.version) == (1...500).map { "2.\($0).0" })
    }
}
