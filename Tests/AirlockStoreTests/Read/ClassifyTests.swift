import AirlockCore
import AirlockTestSupport
import Testing

@testable import AirlockStore

/// Which root-relative paths are status files, and of which kind: what every load and every file event asks.
@Suite struct ClassifyTests {
    @Test func namesTheStatusFilesAndNothingElse() {
        func kind(_ rel: String) -> String? {
            RootLoader.classify(rel).map { "\($0.kind):\($0.stem)" }
        }
        #expect(kind("airlock.yaml") == "pipeline:airlock")
        #expect(kind("environments/qa.yaml") == "environment:qa")
        #expect(kind("releases/2.4.1-rc.1.yaml") == "release:2.4.1-rc.1")
        #expect(kind("promotions/production.yaml") == "promotion:production")
        #expect(kind("releases/é.yaml") == "release:é")
        for other in [
            "audit.jsonl", "environments", "environments/", "environments/qa.yml", "environments/.qa.yaml",
            "environments/a/qa.yaml", "other/qa.yaml", "/environments/qa.yaml", "environments/.yaml",
            "releases/.2.4.1.yaml.tmp.1.2", "fleet.yaml", "svc/airlock.yaml",
        ] {
            #expect(kind(other) == nil, "\(other)")
        }
        #expect(kind("environments/x.yaml/") == nil)
    }

    /// A full listing and a file event take the same files, whatever odd Unicode a name holds (a dot is a byte).
    @Test func aListingAndAFileEventAgreeOnOddNames() {
        let root = shopRoot()
        let odd = ["releases/\u{301}x.yaml", "releases/.\u{301}x.yaml", "releases/x\u{600}.yaml"]
        for rel in odd { root.write(rel, "version: x\n") }
        func named(_ problems: [Problem]) -> Set<String> { Set(problems.map(\.path)).intersection(odd) }
        let loader = RootLoader(root: root.path)
        let listed = named(loader.load().problems)
        #expect(listed == ["releases/\u{301}x.yaml", "releases/x\u{600}.yaml"], "\(listed)")
        let fresh = RootLoader(root: root.path)
        _ = fresh.load()
        #expect(named(fresh.load(changed: Set(odd)).problems) == listed)
    }
}
