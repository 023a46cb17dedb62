// `airlock agent` as a real process beside a CD script that rewrites environment files directly.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("airlock agent: history", .timeLimit(.minutes(2)))
struct AgentTests {
    /// Starts `airlock agent` on `root` and waits until it has recorded what the files showed at its start.
    func started(_ root: TempRoot, expecting first: String = "production health healthy") throws -> (
        Process, err: PipeText
    ) {
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "following", within: 20), "no first line: \(err.text)")
        #expect(err.wait(for: first, within: 20), "no baseline: \(err.text)")
        return (p, err)
    }

    /// The audit log's lines of `action` naming `version` on `env`.
    func lines(_ root: TempRoot, _ action: String, _ env: String, _ version: String) -> Int {
        (root.read("audit.jsonl") ?? "").split(separator: "\n").filter {
            $0.contains("\"action\":\"\(action)\"") && $0.contains("\"environment\":\"\(env)\"")
                && $0.contains("\"version\":\"\(version)\"")
        }.count
    }

    func stop(_ p: Process, _ err: PipeText) {
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0, "\(err.text)")
        err.finish(within: 5)
        #expect(err.text.hasSuffix("airlock: agent: stopped by SIGTERM\n"), "\(err.text)")
    }

    @Test func recordsOneDeployedLinePerVersionChangeACDScriptMakes() throws {
        let root = waitRoot()
        let (p, err) = try started(root)
        #expect(lines(root, "deployed", "production", "1.0.0") == 1)
        for v in ["2.0.0", "2.1.0", "1.0.0"] {
            cdReport(root, "production", v)
            cdReport(root, "production", v)  // a heartbeat: nothing to record
            #expect(err.wait(for: "recorded production deployed \(v)", within: 20), "\(err.text)")
        }
        cdReport(root, "production", "1.0.0", health: "down")
        #expect(err.wait(for: "recorded production health down (was healthy)", within: 20), "\(err.text)")
        stop(p, err)
        #expect(lines(root, "deployed", "production", "2.0.0") == 1)
        #expect(lines(root, "deployed", "production", "2.1.0") == 1)
        #expect(lines(root, "deployed", "production", "1.0.0") == 2)
        #expect(lines(root, "health", "production", "1.0.0") == 2)
        let log = root.read("audit.jsonl") ?? ""
        #expect(log.contains("\"actor\":\"airlock-agent\",\"action\":\"deployed\",\"version\":\"2.1.0\""))
        #expect(log.contains("\"previous\":\"2.0.0\""))
    }

    @Test func killedAndRestartedItLosesAndDuplicatesNothing() throws {
        let root = waitRoot()
        var (p, err) = try started(root)
        cdReport(root, "production", "2.0.0")
        #expect(err.wait(for: "recorded production deployed 2.0.0", within: 20), "\(err.text)")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        // Written while no agent runs: recorded at the next start, once.
        cdReport(root, "production", "2.1.0")
        (p, err) = try started(root, expecting: "recorded production deployed 2.1.0 (was 2.0.0)")
        stop(p, err)
        (p, err) = try started(root, expecting: "following")
        stop(p, err)
        #expect(!err.text.contains("recorded"), "\(err.text)")
        #expect(lines(root, "deployed", "production", "2.0.0") == 1)
        #expect(lines(root, "deployed", "production", "2.1.0") == 1)
        #expect(lines(root, "deployed", "staging", "2.0.0") == 1)
    }

    @Test func aReportAndTheAgentNeverBothRecordOneChange() throws {
        let root = waitRoot()
        let (p, err) = try started(root)
        let r = run(["report", "production", "--version", "2.0.0", "--health", "healthy"], root: root.path)
        #expect(r.code == 0, "\(r.err)")
        cdReport(root, "production", "2.1.0")
        #expect(err.wait(for: "recorded production deployed 2.1.0 (was 2.0.0)", within: 20), "\(err.text)")
        stop(p, err)
        #expect(lines(root, "deployed", "production", "2.0.0") == 1)
        #expect(!err.text.contains("production deployed 2.0.0"), "\(err.text)")
    }

    @Test func aSecondAgentOnTheRootExitsOneNamingTheFirst() throws {
        let root = waitRoot()
        let (p, err) = try started(root)
        let second = run(["agent"], root: root.path, limit: 20)
        #expect(second.code == 1, "\(second.err)")
        #expect(second.err.contains("another agent runs on"), "\(second.err)")
        #expect(second.err.contains("pid \(p.processIdentifier) on "), "\(second.err)")
        #expect(second.err.contains(", since "), "\(second.err)")
        stop(p, err)
        // The lock died with the first: a new agent starts.
        let (again, againErr) = try started(root, expecting: "following")
        stop(again, againErr)
    }
}
