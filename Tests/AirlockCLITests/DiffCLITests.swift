// `airlock diff A B [--json]` through the binary: the drift table and what ships, text and JSON alike.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// The shop root with facts on staging and production.
func factsRoot() -> TempRoot {
    let root = shopRoot()
    root.write(
        "airlock.yaml",
        """
        pipeline: shop
        environments:
          - name: development
          - name: qa
          - name: staging
            gates: [code-freeze]
            facts: {data: anonymized production snapshot, url: "https://staging.shop.example"}
          - name: production
            protected: true
            approvers: [alice, bob, carol]
            required_approvals: 2
            gates: [tests-passed, approval]
            facts: {data: real users, owner: team-ops}
        """)
    root.write(
        "releases/2.4.1.yaml",
        "version: 2.4.1\ncreated_at: 2026-11-19T18:00:00Z\ncreated_by: bob\nnotes: rounding fix\nschema_version: 44\n"
            + "checklist:\n  tests-passed: true\napprovals:\n  - {by: alice, environment: production}\n"
            + "  - {by: carol, environment: production}\n")
    return root
}

/// The decoded JSON object of a run.
func object(_ r: RunResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(r.outBytes)) as? [String: Any])
}

@Suite struct DiffCLITests {
    @Test func textAndJSONGiveTheSameFigures() throws {
        let root = factsRoot()
        let before = treeState(root.path)
        let text = run(["diff", "development", "production"], root: root.path)
        let json = run(["diff", "development", "production", "--json"], root: root.path)
        #expect(text.code == 0 && json.code == 0, "\(text.err) \(json.err)")
        #expect(treeState(root.path) == before, "diff writes nothing")
        let o = try object(json)
        let ships = try #require(o["ships"] as? [String: Any])
        let releases = try #require(ships["releases"] as? [[String: Any]])
        #expect(releases.map { $0["version"] as? String } == ["2.4.0", "2.4.1", "2.5.0"])
        #expect(ships["direction"] as? String == "forward" && ships["checklist_counts"] as? String == "gates")
        let mid = releases[1]
        #expect(mid["created_by"] as? String == "bob" && mid["notes"] as? String == "rounding fix")
        #expect(mid["created_at"] as? String == "2026-11-19T18:00:00Z" && mid["schema_version"] as? Int == 44)
        let checklist = try #require(mid["checklist"] as? [String: Int])
        #expect(checklist == ["done": 2, "total": 2])
        // The text says the same, release by release, in the same order.
        let lines = text.out.split(separator: "\n").map(String.init)
        let shipLines = lines.filter { $0.hasPrefix("  2.") }
        #expect(shipLines.count == 3)
        for (line, r) in zip(shipLines, releases) {
            let c = try #require(r["checklist"] as? [String: Int])
            #expect(line.contains(r["version"] as? String ?? "?"))
            #expect(line.contains("checklist \(c["done"] ?? -1)/\(c["total"] ?? -1)"), "\(line)")
        }
        #expect(shipLines[1].contains("by bob") && shipLines[1].contains("schema 44"))
        #expect(lines.contains("What ships: " + (ships["summary"] as? String ?? "?")))
        // The drift rows: facts side by side, differences marked, the same count as JSON.
        let rows = try #require(o["rows"] as? [[String: Any]])
        let differing = rows.filter { $0["change"] as? String != "same" }.count
        #expect(o["differing"] as? Int == differing)
        #expect(lines.contains { $0.hasPrefix("≠ fact data") && $0.contains("real users") })
        #expect(lines.contains("\(differing) of \(rows.count) differ"))
    }

    @Test func unknownEnvironmentIsBadInput() {
        let root = factsRoot()
        let r = run(["diff", "staging", "prod"], root: root.path)
        #expect(r.code == 2)
        #expect(r.out.isEmpty)
        #expect(r.err == "airlock: unknown environment \"prod\" (environments: development, qa, staging, production)\n")
    }

    @Test func olderIntoNewerShipsNothingAndSaysItIsARollback() throws {
        let root = factsRoot()
        let r = run(["diff", "production", "staging"], root: root.path)
        #expect(r.code == 0)
        #expect(r.out.contains("What ships: nothing ships: staging runs 2.4.0, newer than production (2.3.0); "))
        let j = try object(run(["diff", "production", "staging", "--json"], root: root.path))
        let ships = try #require(j["ships"] as? [String: Any])
        #expect(ships["direction"] as? String == "rollback")
        #expect((ships["releases"] as? [Any])?.isEmpty == true)
    }

    @Test func targetWithoutVersionGetsEveryReleaseUpToTheSource() throws {
        let root = factsRoot()
        try FileManager.default.removeItem(atPath: root.path + "/environments/production.yaml")
        let j = try object(run(["diff", "qa", "production", "--json"], root: root.path))
        let ships = try #require(j["ships"] as? [String: Any])
        let versions = (ships["releases"] as? [[String: Any]])?.map { $0["version"] as? String }
        #expect(versions == ["2.3.0", "2.4.0", "2.4.1"])
        #expect(ships["into_version"] is NSNull)
    }

    @Test func aVersionWithoutItsReleaseFileIsListedAsSuch() throws {
        let root = factsRoot()
        try FileManager.default.removeItem(atPath: root.path + "/releases/2.4.0.yaml")
        let r = run(["diff", "qa", "production"], root: root.path)
        #expect(r.code == 0)
        #expect(r.out.contains("  2.4.0  no release file (known from an environment)"))
        #expect(r.out.contains("(1 without a release file)"))
    }

    @Test func onAFleetWithPipeline() throws {
        let fleet = shopFleet(["checkout", "search"])
        let r = run(["diff", "qa", "production", "--pipeline", "search"], root: fleet.path)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("What ships: 2 releases ship from qa (2.4.1) into production (2.3.0)"))
        let bare = run(["diff", "qa", "production"], root: fleet.path)
        #expect(bare.code == 2 && bare.err.contains("name one with --pipeline NAME"))
    }
}
