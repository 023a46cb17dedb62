// Every command on a fleet root: --pipeline (and AIRLOCK_PIPELINE), refusals without it, the fleet forms of
// status, check and log.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct FleetCLITests {
    func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    @Test func statusPrintsTheMatrix() {
        let fleet = shopFleet(extra: ["fleet.yaml": "name: Shop\norder: [search]\n"])
        let r = run(["status"], root: fleet.path)
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "fleet Shop: 3 pipelines, 0 down, 0 stale, 6 ready, 3 blocked, 0 problems")
        let header = lines[2].split(separator: " ").map(String.init)
        #expect(header == ["PIPELINE", "development", "qa", "staging", "production", "PENDING", "PROBLEMS"])
        #expect(lines[2].contains("PENDING") && lines[2].contains("PROBLEMS"))
        let rows = lines.dropFirst(3).prefix(3)
        #expect(rows.map { $0.split(separator: " ").first.map(String.init) } == ["search", "billing", "checkout"])
        #expect(rows.allSatisfy { $0.contains("2.4.1 ✓ <-ready") && $0.contains("2.3.0 ✓ <-blocked") })
        #expect(rows.allSatisfy { $0.contains("2 ready, 1 blocked, 0 in progress  0") })
    }

    @Test func statusJsonIsTodaysObjectPerPipeline() throws {
        let fleet = shopFleet(extra: ["fleet.yaml": "order: [nobody]\n"])
        let r = run(["status", "--json"], root: fleet.path)
        #expect(r.code == 1)  // the fleet has a problem
        let top = try #require(object(r.out))
        #expect(Array(top.keys).sorted() == ["agent", "fleet", "pipelines", "problems"])
        #expect(top["fleet"] as? String == URL(fileURLWithPath: fleet.path).lastPathComponent)
        let pipelines = try #require(top["pipelines"] as? [[String: Any]])
        #expect(pipelines.map { $0["pipeline"] as? String } == ["billing", "checkout", "search"])
        let problems = try #require(top["problems"] as? [[String: Any]])
        #expect(problems.count == 1)
        #expect(problems.first?["path"] as? String == "fleet.yaml" && problems.first?["line"] as? Int == 1)
        // Each object is what status --json prints on that pipeline alone.
        for name in ["billing", "search"] {
            let alone = try #require(object(run(["status", "--json"], root: fleet.path + "/" + name).out))
            let inFleet = try #require(pipelines.first { $0["pipeline"] as? String == name })
            #expect(NSDictionary(dictionary: alone).isEqual(to: inFleet), "\(name)")
        }
    }

    @Test func statusWithPipelineIsThatPipelinesOutput() {
        let fleet = shopFleet()
        let r = run(["status", "--pipeline", "search"], root: fleet.path)
        #expect(r.code == 0)
        #expect(r.out.hasPrefix("pipeline search\n"))
        // The same as on the pipeline's folder (JSON: no ages that move between runs).
        let alone = run(["status", "--json"], root: fleet.path + "/search").out
        #expect(run(["status", "--json", "--pipeline", "search"], root: fleet.path).out == alone)
        let viaEnv = run(["status", "--json"], root: fleet.path, extraEnv: ["AIRLOCK_PIPELINE": "search"])
        #expect(viaEnv.out == alone)
        let first = run(["--pipeline", "search", "--root", fleet.path, "status", "--json"])
        #expect(first.code == 0 && first.out == alone)
    }

    static let onePipelineCommands: [[String]] = [
        ["promote", "2.4.0", "--to", "production", "--yes"], ["approve", "2.4.0", "--env", "production"],
        ["checklist", "2.4.0"], ["checklist", "2.4.0", "--done", "code-freeze"], ["rollback", "qa"],
    ]

    @Test(arguments: onePipelineCommands) func aOnePipelineCommandOnAFleetNeedsPipeline(_ args: [String]) {
        let fleet = shopFleet()
        let before = fleet.fingerprint()
        let r = run(args, root: fleet.path)
        #expect(r.code == 2)
        #expect(
            r.err
                == "airlock: this root is a fleet of 3 pipelines: name one with --pipeline NAME "
                + "(pipelines: billing, checkout, search)\n")
        #expect(r.out == "")
        let unknown = run(args + ["--pipeline", "nope"], root: fleet.path)
        #expect(unknown.code == 2)
        #expect(unknown.err == "airlock: no pipeline \"nope\" in the fleet (pipelines: billing, checkout, search)\n")
        #expect(fleet.fingerprint() == before)
    }

    @Test func withPipelineACommandChangesOnlyThatPipeline() throws {
        let fleet = shopFleet()
        let before = fleet.fingerprint()
        let r = run(["approve", "2.4.0", "--env", "production", "--pipeline", "checkout"], root: fleet.path)
        #expect(r.code == 0, "\(r.err)")
        let changed = fleet.fingerprint().filter { before[$0.key] != $0.value }.keys.sorted()
        #expect(changed.allSatisfy { $0.hasPrefix("checkout/") } && changed.contains("checkout/audit.jsonl"))
        let checklist = run(["checklist", "2.4.0"], root: fleet.path, extraEnv: ["AIRLOCK_PIPELINE": "search"])
        #expect(checklist.code == 0 && checklist.out.hasPrefix("release 2.4.0"))
    }

    @Test func onAPipelineRootPipelineMustNameIt() {
        let root = shopRoot()
        #expect(run(["status", "--pipeline", "shop"], root: root.path).code == 0)
        let before = root.fingerprint()
        let wrong = run(["promote", "2.4.1", "--to", "staging", "--pipeline", "other"], root: root.path)
        #expect(wrong.code == 2)
        #expect(wrong.err == "airlock: no pipeline \"other\": the root is pipeline shop\n")
        #expect(root.fingerprint() == before)
        let env = run(["status"], root: root.path, extraEnv: ["AIRLOCK_PIPELINE": "other"])
        #expect(env.code == 2)
        #expect(run(["status"], root: root.path, extraEnv: ["AIRLOCK_PIPELINE": ""]).code == 0)
    }

    @Test func checkValidatesEveryPipelineWithFleetRelativePaths() {
        let clean = shopFleet()
        let ok = run(["check"], root: clean.path)
        #expect(ok.code == 0)
        #expect(ok.out == "ok: 3 pipelines, 12 environments, 12 releases, no problems\n")
        let fleet = shopFleet(extra: [
            "search/environments/qa.yaml": "version: 2.4.1\nhealth: fine\n", "fleet.yaml": "groups:\n  g: [ghost]\n",
        ])
        let r = run(["check"], root: fleet.path)
        #expect(r.code == 1)
        #expect(
            r.out == "fleet.yaml:2: groups.g: ghost names no pipeline of the fleet\n"
                + "search/environments/qa.yaml:2: health: expected one of healthy, degraded, down, unknown\n")
        #expect(r.err == "2 problems\n")
        #expect(run(["check", "--pipeline", "checkout"], root: fleet.path).code == 0)
    }

    @Test func syncOnAFleetWithoutGitSaysThereIsNothingToSync() {
        let fleet = shopFleet()
        let r = run(["sync"], root: fleet.path)
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("airlock: sync.git is not set in fleet.yaml or in any pipeline"))
        #expect(run(["sync", "--pipeline", "nope"], root: fleet.path).code == 2)
    }

    @Test func logMergesEveryPipelineNewestFirstNamingEach() throws {
        let fleet = shopFleet(
            ["api", "web"],
            extra: [
                "api/audit.jsonl": auditLine("2026-11-01T10:00:00Z", actor: "a1", version: "2.3.0", env: "production")
                    + "\n" + auditLine("2026-11-03T10:00:00Z", actor: "a3", version: "2.4.0", env: "production") + "\n",
                "web/audit.jsonl": auditLine("2026-11-02T10:00:00Z", actor: "w2", version: "2.3.0", env: "production")
                    + "\n" + auditLine("2026-11-04T10:00:00Z", actor: "w4", version: "2.4.0", env: "qa") + "\n",
            ])
        let r = run(["log"], root: fleet.path)
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.map { String($0.prefix(5)) } == ["web  ", "api  ", "web  ", "api  "])
        #expect(lines.map { $0.split(separator: " ")[2] } == ["w4", "a3", "w2", "a1"])
        let one = run(["log", "--pipeline", "web"], root: fleet.path)
        #expect(one.out == run(["log"], root: fleet.path + "/web").out)
        let production = run(["log", "--env", "production", "--json"], root: fleet.path)
        let objects = production.out.split(separator: "\n").compactMap { object(String($0)) }
        #expect(objects.map { $0["pipeline"] as? String } == ["api", "web", "api"])
        #expect(objects.map { $0["actor"] as? String } == ["a3", "w2", "a1"])
        let unknown = run(["log", "--env", "nowhere"], root: fleet.path)
        #expect(unknown.code == 2 && unknown.err.contains("unknown environment \"nowhere\""))
    }
}
