// fleet.yaml: name, sync.git, order and groups read; every problem with its line; the pipelines never hidden.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct FleetConfigTests {
    let two: [(folder: String, name: String)] = [("a", "alpha"), ("b", "beta")]

    @Test func everyKeyIsRead() {
        let root = fleetRoot(
            two,
            extra: [
                "fleet.yaml": """
                name: Payments
                sync:
                  git: {remote: hub, branch: status, interval: 1m}
                order: [beta]
                groups:
                  core: [beta, alpha]
                owner: team-x   # unknown keys are kept out of the way
                """
            ])
        let fleet = FleetLoader(root: root.path).load()
        #expect(fleet.problems == [])
        #expect(fleet.name == "Payments")
        #expect(fleet.config.sync == GitSyncConfig(remote: "hub", branch: "status", interval: 60))
        #expect(fleet.config.order == ["beta"])
        #expect(fleet.config.groups == [FleetGroup(name: "core", pipelines: ["beta", "alpha"])])
        #expect(fleet.members.map(\.name) == ["beta", "alpha"])
    }

    @Test func withoutFleetYamlTheTitleIsTheFolderAndMembersGoByName() {
        let root = fleetRoot([("z", "zulu"), ("y", "alpha"), ("x", "mike")])
        let fleet = FleetLoader(root: root.path).load()
        #expect(fleet.name == URL(fileURLWithPath: root.path).lastPathComponent)
        #expect(fleet.members.map(\.name) == ["alpha", "mike", "zulu"])
        #expect(fleet.config == FleetConfig())
    }

    @Test func orderFirstThenTheRestByName() {
        let root = fleetRoot(
            [("1", "d"), ("2", "c"), ("3", "b"), ("4", "a")], extra: ["fleet.yaml": "order:\n  - c\n  - a\n"])
        #expect(FleetLoader(root: root.path).load().members.map(\.name) == ["c", "a", "b", "d"])
    }

    /// (fleet.yaml, line, words of the problem)
    static let broken: [(String, Int?, String)] = [
        ("order: [a\nname: x\n", 2, "YAML syntax"),
        ("- a\n- b\n", 1, "fleet.yaml: expected a mapping"),
        ("name: [x]\n", 1, "name: expected text"),
        ("order: alpha\n", 1, "order: expected a list"),
        ("order:\n  - alpha\n  - nobody\n", 3, "order: nobody names no pipeline"),
        ("order: [alpha, alpha]\n", 1, "alpha is listed twice"),
        ("groups: [alpha]\n", 1, "groups: expected a mapping"),
        ("groups:\n  g: alpha\n", 2, "groups.g: expected a list"),
        ("groups:\n  g: [alpha]\n  h:\n    - ghost\n", 4, "groups.h: ghost names no pipeline"),
        ("groups:\n  g: [alpha]\n  h: [alpha]\n", 3, "alpha is already in group g"),
        ("groups:\n  g: [{x: 1}]\n", 2, "groups.g[0]: expected text"),
        ("sync:\n  git:\n    remote: --upload-pack=evil\n", 3, "sync.git.remote"),
        ("sync:\n  git:\n    interval: soon\n", 3, "sync.git.interval"),
    ]

    @Test(arguments: broken.indices) func aProblemHasItsLineAndHidesNoPipeline(_ i: Int) {
        let (text, line, words) = Self.broken[i]
        let root = fleetRoot(two, extra: ["fleet.yaml": text])
        let fleet = FleetLoader(root: root.path).load()
        let hit = fleet.problems.contains { $0.path == "fleet.yaml" && $0.line == line && $0.message.contains(words) }
        #expect(hit, "\(fleet.problems)")
        #expect(fleet.members.map(\.name) == ["alpha", "beta"])
        #expect(fleet.members.allSatisfy { $0.snapshot.pipeline != nil })
    }

    @Test func anEmptyFleetYamlIsNoSettings() {
        let root = fleetRoot(two, extra: ["fleet.yaml": "# nothing yet\n"])
        let fleet = FleetLoader(root: root.path).load()
        #expect(fleet.problems == [])
        #expect(fleet.config == FleetConfig())
    }

    @Test func airlockYamlsSyncIsDecodedAsBefore() {
        let root = TempRoot([
            "airlock.yaml": pipelineYAML("p") + "sync:\n  git:\n    branch: bad..name\n"
        ])
        let snap = root.load()
        #expect(snap.problems.contains { $0.path == "airlock.yaml" && $0.line == 7 && $0.message.contains("branch") })
        #expect(snap.pipeline?.sync == GitSyncConfig())
    }
}
