// `airlock status` naming the agent that runs on the root, with its counts (records, promotions, notify failures).
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("airlock agent: counted in status", .timeLimit(.minutes(2)))
struct AgentStatusTests {
    func statusJSON(_ root: String) throws -> [String: Any] {
        let r = run(["status", "--json"], root: root)
        return try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any] ?? [:]
    }

    /// The `agent` object once `ready` is true of it (waited for at most 20 s).
    func agent(_ root: String, until ready: ([String: Any]) -> Bool) throws -> [String: Any]? {
        let deadline = Date().addingTimeInterval(20)
        repeat {
            if let a = try statusJSON(root)["agent"] as? [String: Any], ready(a) { return a }
            usleep(50_000)
        } while Date() < deadline
        return try statusJSON(root)["agent"] as? [String: Any]
    }

    @Test func statusShowsTheRunningAgentItsRecordsAndItsNotifyFailures() throws {
        let root = notifyRoot("notify:\n  - on: [deployed]\n    run: [sh, -c, 'exit 3']\n")
        #expect(try statusJSON(root.path)["agent"] is NSNull)
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "recorded production health healthy", within: 20), "\(err.text)")
        cdReport(root, "development", "2.0.0")
        #expect(err.wait(for: "gave up after 3 attempts (1 failed so far)", within: 30), "\(err.text)")
        let a = try agent(root.path) { ($0["notify_failures"] as? Int) == 1 }
        #expect(a?["pid"] as? Int == Int(p.processIdentifier), "\(String(describing: a))")
        #expect(a?["actor"] as? String == "airlock-agent")
        #expect(a?["since"] is String)
        #expect(a?["notify_failures"] as? Int == 1)
        #expect(a?["notify_delivered"] as? Int == 0)
        // development, qa, production: deployed and health each, then development's new version.
        #expect(a?["recorded"] as? Int == 7, "\(String(describing: a))")
        let table = run(["status"], root: root.path)
        #expect(
            table.out.split(separator: "\n").contains { $0.hasPrefix("agent: pid \(p.processIdentifier) on ") },
            "the agent's own line: \(table.out)")
        #expect(table.out.contains("1 notify failures"), "\(table.out)")
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        // Stopped: no agent, though its lock file stays.
        #expect(try statusJSON(root.path)["agent"] is NSNull)
        #expect(!run(["status"], root: root.path).out.contains("agent:"))
    }

    @Test func aFleetsStatusNamesItsAgentOnTheFleetAndOnEachPipeline() throws {
        let fleet = autoFleet()
        let (p, _, err) = try launch(["agent"], root: fleet.path)
        #expect(err.wait(for: "beta: recorded production health healthy", within: 20), "\(err.text)")
        cdWrite(fleet, "beta/environments/development.yaml", "version: 2.0.0\nhealth: healthy\n")
        #expect(err.wait(for: "beta: promoted 2.0.0 into qa (auto)", within: 20), "\(err.text)")
        let deadline = Date().addingTimeInterval(20)
        var obj: [String: Any] = [:]
        repeat {
            obj = try statusJSON(fleet.path)
            if (obj["agent"] as? [String: Any])?["notify_delivered"] as? Int == 1 { break }
            usleep(50_000)
        } while Date() < deadline
        let top = obj["agent"] as? [String: Any]
        #expect(top?["pid"] as? Int == Int(p.processIdentifier), "\(obj)")
        #expect(top?["promoted"] as? Int == 1)
        #expect(top?["notify_delivered"] as? Int == 1, "\(obj)")
        let pipelines = obj["pipelines"] as? [[String: Any]] ?? []
        let beta = pipelines.first { $0["pipeline"] as? String == "beta" }?["agent"] as? [String: Any]
        let alpha = pipelines.first { $0["pipeline"] as? String == "alpha" }?["agent"] as? [String: Any]
        #expect(beta?["promoted"] as? Int == 1, "\(pipelines)")
        #expect(beta?["command"] as? String == "fleet agent")
        #expect(alpha?["promoted"] as? Int == 0, "\(pipelines)")
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        err.finish(within: 5)
    }
}
