// The fleet loader: problems relative to the fleet root, a broken pipeline beside working ones, and a reload that
// reads only the pipeline a changed path is in.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct FleetLoaderTests {
    @Test func problemsAreRelativeToTheFleetRootAndABrokenPipelineHidesNoOther() throws {
        let root = fleetRoot(
            [("checkout", "checkout"), ("search", "search")],
            extra: [
                "checkout/environments/qa.yaml": "version: 1.0.0\nhealth: [\n",
                "broken/airlock.yaml": "pipeline: [\n",
            ])
        let fleet = FleetLoader(root: root.path).load()
        #expect(fleet.members.map(\.name) == ["broken", "checkout", "search"])
        let checkout = try #require(fleet.member(named: "checkout"))
        #expect(checkout.fleetProblems.contains { $0.path == "checkout/environments/qa.yaml" && $0.line == 3 })
        let broken = try #require(fleet.member(named: "broken"))
        #expect(broken.snapshot.pipeline == nil)
        #expect(broken.fleetProblems.first?.path == "broken/airlock.yaml")
        #expect(fleet.member(named: "search")?.snapshot.problems == [])
        #expect(fleet.member(named: "search")?.snapshot.environments["qa"]?.version == "1.0.0")
    }

    @Test func hiddenFoldersAndFoldersWithoutAPipelineAreNotMembers() {
        let root = fleetRoot(
            [("a", "a")], extra: [".git/airlock.yaml": pipelineYAML("hidden"), "docs/readme.md": "hello\n"])
        #expect(FleetLoader(root: root.path).load().members.map(\.folder) == ["a"])
    }

    @Test func aOneFileChangeParsesOneFile() throws {
        let root = fleetRoot((0..<20).map { ("p\($0)", "p\($0)") })
        let loader = FleetLoader(root: root.path)
        _ = loader.load()
        #expect(loader.lastParsedCount == 41)  // 20 airlock.yaml, 20 environments, fleet.yaml (absent)
        root.write("p7/environments/qa.yaml", "version: 2.0.0\nupdated_at: \(recent)\nhealth: down\n")
        let fleet = loader.load(changed: ["p7/environments/qa.yaml"])
        #expect(loader.lastParsedCount == 1)
        #expect(fleet.member(named: "p7")?.snapshot.environments["qa"]?.version == "2.0.0")
        #expect(fleet.member(named: "p6")?.snapshot.environments["qa"]?.version == "1.0.0")
        #expect(fleet.members.count == 20)
        // Nothing changed: nothing parsed, the same fleet.
        #expect(loader.load(changed: []) == fleet)
        #expect(loader.lastParsedCount == 0)
    }

    @Test func aPipelineAppearingOrGoingIsFoundByATopLevelPath() throws {
        let root = fleetRoot([("a", "a"), ("b", "b")])
        let loader = FleetLoader(root: root.path)
        #expect(loader.load().members.count == 2)
        root.write("c/airlock.yaml", pipelineYAML("c"))
        #expect(loader.load(changed: ["c"]).members.map(\.name) == ["a", "b", "c"])
        try FileManager.default.removeItem(atPath: root.path + "/a")
        #expect(loader.load(changed: ["a"]).members.map(\.name) == ["b", "c"])
        // A new pipeline's airlock.yaml alone (its folder's event missed) is found too.
        root.write("d/airlock.yaml", pipelineYAML("d"))
        #expect(loader.load(changed: ["d/airlock.yaml"]).members.map(\.name) == ["b", "c", "d"])
        // Its airlock.yaml removed: no longer a pipeline.
        try FileManager.default.removeItem(atPath: root.path + "/d/airlock.yaml")
        #expect(loader.load(changed: ["d/airlock.yaml"]).members.map(\.name) == ["b", "c"])
    }

    @Test func aRenamedPipelineIsReadAgainFromItsAirlockYaml() {
        let root = fleetRoot([("a", "a"), ("b", "b")], extra: ["fleet.yaml": "order: [b]\n"])
        let loader = FleetLoader(root: root.path)
        #expect(loader.load().members.map(\.name) == ["b", "a"])
        root.write("b/airlock.yaml", pipelineYAML("zed"))
        let fleet = loader.load(changed: ["b/airlock.yaml"])
        #expect(fleet.members.map(\.name) == ["a", "zed"])
        #expect(fleet.problems.map(\.message) == ["order: b names no pipeline of the fleet"])
    }

    @Test func fleetYamlChangedIsReadAgainAlone() {
        let root = fleetRoot([("a", "a"), ("b", "b")])
        let loader = FleetLoader(root: root.path)
        _ = loader.load()
        root.write("fleet.yaml", "name: Renamed\norder: [b]\n")
        let fleet = loader.load(changed: ["fleet.yaml"])
        #expect(loader.lastParsedCount == 1)
        #expect(fleet.name == "Renamed")
        #expect(fleet.members.map(\.name) == ["b", "a"])
    }

    @Test func twoPipelinesWithOneNameAreAProblemNamingBothAndBothStay() {
        let root = fleetRoot([("one", "same"), ("two", "same"), ("three", "other")])
        let fleet = FleetLoader(root: root.path).load()
        #expect(fleet.members.map(\.folder) == ["three", "one", "two"])
        #expect(
            fleet.problems == [
                Problem(
                    path: "one/airlock.yaml", line: nil,
                    message: "two pipelines are named same: one/airlock.yaml and two/airlock.yaml")
            ])
    }

    @Test func namesOfAFleetWithoutReadingItsPipelines() {
        let root = fleetRoot([("x", "beta"), ("y", "alpha")], extra: ["z/airlock.yaml": "pipeline: [\n"])
        #expect(
            FleetLoader.entries(root: root.path) == [
                .init(name: "alpha", folder: "y"), .init(name: "beta", folder: "x"), .init(name: "z", folder: "z"),
            ])
        #expect(FleetLoader.pipelineName(root: root.path + "/x") == "beta")
        #expect(FleetLoader.pipelineName(root: root.path) == nil)
    }
}
