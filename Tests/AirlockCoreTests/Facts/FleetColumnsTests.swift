// The fleet's columns: a merge of every pipeline's environment order, ties by first appearance.
import Foundation
import Testing

@testable import AirlockCore

/// A fleet member whose pipeline has `envs`, in that order (no status reported).
func member(_ name: String, _ envs: [String]) -> FleetMember {
    FleetMember(
        name: name, folder: name, snapshot: Snapshot(pipeline: Pipeline(name: name, environments: envs.map { env($0) }))
    )
}

@Suite struct FleetColumnsTests {
    @Test func onePipelineKeepsItsOrder() {
        #expect(Facts.fleetColumns([member("a", ["dev", "qa", "prod"])]) == ["dev", "qa", "prod"])
        #expect(Facts.fleetColumns([]) == [])
    }

    @Test func ordersAreMergedWithTiesByFirstAppearance() {
        let members = [member("a", ["dev", "qa", "prod"]), member("b", ["dev", "staging", "prod"])]
        #expect(Facts.fleetColumns(members) == ["dev", "qa", "staging", "prod"])
        // c comes after both a and b; a was seen first.
        #expect(Facts.fleetColumns([member("x", ["a", "c"]), member("y", ["b", "c"])]) == ["a", "b", "c"])
        // An environment only one pipeline has goes where that pipeline puts it, not at the end.
        let three = [member("x", ["dev", "prod"]), member("y", ["dev", "perf", "prod"]), member("z", ["sandbox"])]
        #expect(Facts.fleetColumns(three) == ["dev", "perf", "prod", "sandbox"])
    }

    @Test func contradictingOrdersTakeTheFirstSeenAndListEachOnce() {
        let two = [member("a", ["qa", "staging"]), member("b", ["staging", "qa"])]
        #expect(Facts.fleetColumns(two) == ["qa", "staging"])
        let cycle = [member("a", ["x", "y", "z"]), member("b", ["z", "x"]), member("c", ["w", "x"])]
        let columns = Facts.fleetColumns(cycle)
        #expect(Set(columns) == ["w", "x", "y", "z"])
        #expect(columns.count == 4)
    }

    @Test func aPipelineThatCannotBeReadAddsNoColumn() {
        let broken = FleetMember(name: "broken", folder: "broken", snapshot: Snapshot())
        #expect(Facts.fleetColumns([broken, member("a", ["dev", "prod"])]) == ["dev", "prod"])
    }

    /// Pipelines taking environments from one global order in random subsets: the merge keeps every pipeline's
    /// order and lists the union exactly once.
    @Test func randomConsistentOrdersAreAllKept() {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000) | 1
        print("FleetColumnsTests seed \(seed)")
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let universe = (0..<12).map { "e\($0)" }
        for round in 0..<200 {
            let members = (0..<(1 + next(6))).map { i in
                member("p\(i)", universe.filter { _ in next(3) == 0 })
            }
            let columns = Facts.fleetColumns(members)
            let union = Set(members.flatMap { $0.snapshot.pipeline?.environments.map(\.name) ?? [] })
            #expect(Set(columns) == union && columns.count == union.count, "seed \(seed) round \(round)")
            for m in members {
                let names = m.snapshot.pipeline?.environments.map(\.name) ?? []
                let positions = names.compactMap { columns.firstIndex(of: $0) }
                #expect(positions == positions.sorted(), "seed \(seed) round \(round): \(names) in \(columns)")
            }
        }
    }
}
