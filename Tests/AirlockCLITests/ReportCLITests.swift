// `airlock report` and `airlock release` through the binary: what CI writes, its audit lines, its refusals.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct ReportCLITests {
    @Test func reportMergesKeepsUnknownKeysAndRecordsDeployedAndHealth() throws {
        let root = shopRoot()
        root.write(
            "environments/qa.yaml",
            "version: 2.4.1\nupdated_at: \(recent)\nowner: team-qa\nchecks:\n  - {name: http, status: passing, "
                + "runbook: r1}\n  - {name: db, status: passing}\nflags: {old: false}\n")
        let r = run(
            [
                "report", "qa", "--version", "2.5.0", "--health", "degraded", "--check", "http=warning:p99 900ms",
                "--service", "web=2.5.0:healthy", "--flag", "new-checkout=true", "--flag", "label=blue",
                "--config", "db_pool=20", "--config", "mode=fast", "--schema", "44", "--by", "deployer",
            ], root: root.path, user: "ci")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == "reported qa: runs 2.5.0 (was 2.4.1), degraded (was healthy)\n")
        let snap = root.load()
        #expect(snap.problems == [])
        let qa = try #require(snap.environments["qa"])
        #expect(qa.version == "2.5.0" && qa.health == .degraded && qa.deployedBy == "deployer")
        #expect(qa.checks.map(\.name) == ["http", "db"], "merged by name, in place")
        #expect(qa.checks.first?.status == .warning && qa.checks.first?.detail == "p99 900ms")
        #expect(qa.services == [Service(name: "web", version: "2.5.0", health: .healthy)])
        #expect(qa.flags.map(\.name) == ["old", "new-checkout", "label"] && qa.schemaVersion == 44)
        #expect(qa.config.map(\.value) == ["20", "fast"])
        let text = try #require(root.read("environments/qa.yaml"))
        #expect(text.contains("owner: team-qa") && text.contains("runbook: r1"), "unknown keys kept")
        #expect(text.contains("new-checkout: true") && text.contains("db_pool: 20"), "bools and integers stay so")
        let log = snap.audit
        #expect(log.map(\.action) == [.deployed, .health])
        #expect(log[0].version == "2.5.0" && log[0].previous == "2.4.1" && log[0].actor == "deployer")
        #expect(log[1].health == "degraded" && log[1].previousHealth == "healthy")
        let audit = try #require(root.read("audit.jsonl"))
        #expect(audit.contains("\"action\":\"deployed\"") && audit.contains("\"previous_health\":\"healthy\""))
        #expect(run(["check"], root: root.path).code == 0, "the new actions are valid lines")
        let shown = run(["log"], root: root.path)
        #expect(shown.out.contains("deployed 2.5.0 on qa (was 2.4.1)"))
        #expect(shown.out.contains("health   qa degraded (was healthy) running 2.5.0"))
        let json = run(["log", "--json"], root: root.path)
        #expect(json.out.contains("\"action\":\"health\"") && json.out.contains("\"health\":\"degraded\""))
    }

    @Test func aBareReportIsAHeartbeatAndAppendsNothing() throws {
        let root = shopRoot()
        let before = try #require(root.load().environments["qa"]?.updatedAt)
        let r = run(["report", "qa"], root: root.path, user: "ci")
        #expect(r.code == 0 && r.out == "heartbeat: qa runs 2.4.1, healthy\n", "\(r.err)")
        let after = try #require(root.load().environments["qa"]?.updatedAt)
        #expect(after > before)
        #expect(root.read("audit.jsonl") == nil)
    }

    @Test func clearChecksDropsTheOthersAndJSONMergesKeyByKey() throws {
        let root = shopRoot()
        root.write(
            "environments/qa.yaml",
            "version: 2.4.1\nupdated_at: \(recent)\nteam: q\nchecks:\n  - {name: a, status: failing}\n")
        let json = root.path + "/state.json"
        try #"{"version": "2.5.0", "custom": {"nested": [1, 2]}, "config": {"x": "2.10"}}"#.write(
            toFile: json, atomically: true, encoding: .utf8)
        let r = run(
            ["report", "qa", "--json", json, "--clear-checks", "--check", "b=passing"], root: root.path, user: "ci")
        #expect(r.code == 0, "\(r.err)")
        let qa = try #require(root.load().environments["qa"])
        #expect(qa.version == "2.5.0" && qa.checks.map(\.name) == ["b"] && qa.config.first?.value == "2.10")
        let text = try #require(root.read("environments/qa.yaml"))
        #expect(text.contains("team: q") && text.contains("nested"))
    }

    @Test func aReportCreatesTheFileOnlyWithAVersion() throws {
        let root = shopRoot()
        try FileManager.default.removeItem(atPath: root.path + "/environments/qa.yaml")
        let before = root.fingerprint()
        let r = run(["report", "qa", "--health", "healthy"], root: root.path, user: "ci")
        #expect(
            r.code == 2
                && r.err == "airlock: environments/qa.yaml does not exist: the first report of an "
                    + "environment needs --version\n"
        )
        #expect(root.fingerprint() == before)
        #expect(run(["report", "qa", "--version", "2.4.1"], root: root.path, user: "ci").code == 0)
        #expect(root.load().audit.map(\.action) == [.deployed])
        #expect(root.load().audit.first?.previous == nil)
    }

    @Test func releaseCreatesThenUpdatesInPlaceNeverTouchingChecklistOrApprovals() throws {
        let root = shopRoot()
        var r = run(
            ["release", "2.6.0", "--notes", "New gateway", "--schema", "45", "--created-at", "2026-11-18T10:00:00Z"],
            root: root.path, user: "ci")
        #expect(r.code == 0 && r.out == "created releases/2.6.0.yaml\n", "\(r.err)")
        let created = try #require(root.load().releases["2.6.0"])
        #expect(created.notes == "New gateway" && created.schemaVersion == 45)
        #expect(try #require(root.read("releases/2.6.0.yaml")).contains("created_by: ci"))
        #expect(root.load().audit.map(\.action) == [.release])
        let hand =
            "version: 2.6.0   # cut by CI\n# keep me\nnotes: old\nchecklist:\n  code-freeze: true\n"
            + "approvals:\n  - {by: alice, environment: production}\nowner: pay\n"
        root.write("releases/2.6.0.yaml", hand)
        r = run(["release", "2.6.0", "--notes", "new: notes", "--created-by", "bob"], root: root.path, user: "ci")
        #expect(r.code == 0 && r.out == "updated releases/2.6.0.yaml: created_by, notes\n", "\(r.err)")
        let text = try #require(root.read("releases/2.6.0.yaml"))
        #expect(
            text == "version: 2.6.0   # cut by CI\n# keep me\nnotes: \"new: notes\"\nchecklist:\n  code-freeze: true\n"
                + "approvals:\n  - {by: alice, environment: production}\nowner: pay\ncreated_by: bob\n")
        #expect(root.load().audit.map(\.action) == [.release], "an update appends no line")
        // The author, once named, stays: where duties are separated it decides who may approve.
        let before = root.fingerprint()
        r = run(["release", "2.6.0", "--created-by", "carol"], root: root.path, user: "bob")
        #expect(r.code == 1 && r.err.contains("names its author (created_by: bob)"), "\(r.err)")
        #expect(root.fingerprint() == before)
        r = run(["release", "2.6.0", "--notes", "new: notes"], root: root.path, user: "ci")
        #expect(r.code == 0 && r.out.contains("nothing changed"))
        let notesFile = root.path + "/notes.txt"
        try "line one\nline two\n".write(toFile: notesFile, atomically: true, encoding: .utf8)
        #expect(run(["release", "2.6.0", "--notes-file", notesFile], root: root.path).code == 0)
        #expect(root.load().releases["2.6.0"]?.notes == "line one\nline two")
    }

    @Test func reportAndReleaseWorkOnAFleetPipeline() throws {
        let fleet = TempRoot()
        let shop = shopRoot()
        _ = sh("mkdir -p '\(fleet.path)/shop' && cp -r '\(shop.path)/.' '\(fleet.path)/shop/'")
        var r = run(["report", "qa", "--version", "2.5.0"], root: fleet.path, user: "ci")
        #expect(r.code == 2 && r.err.contains("name one with --pipeline NAME"))
        r = run(["report", "qa", "--version", "2.5.0", "--pipeline", "shop"], root: fleet.path, user: "ci")
        #expect(r.code == 0, "\(r.err)")
        r = run(["release", "2.7.0", "--pipeline", "shop"], root: fleet.path, user: "ci")
        #expect(r.code == 0, "\(r.err)")
        let snap = RootLoader(root: fleet.path + "/shop").load()
        #expect(snap.environments["qa"]?.version == "2.5.0" && snap.releases["2.7.0"] != nil)
    }

    @Test func deployedLinesCountAsWhatAnEnvironmentRanForRollback() throws {
        let root = shopRoot()
        // development is deployed by CI directly (no promotion): its reports are its history.
        #expect(run(["report", "development", "--version", "2.4.1"], root: root.path, user: "ci").code == 0)
        #expect(run(["report", "development", "--version", "2.5.0"], root: root.path, user: "ci").code == 0)
        let r = run(["rollback", "development"], root: root.path, user: "alice")
        #expect(r.code == 0, "\(r.err)")
        #expect(root.load().promotions["development"]?.version == "2.4.1")
    }
}
