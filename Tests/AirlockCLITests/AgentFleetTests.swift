// `airlock agent` on a fleet root: one agent records, notifies and auto-promotes in every pipeline.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A fleet of `names`, each the auto-promoting development -> qa -> production pipeline; fleet.yaml's notify
/// appends `{event}|{pipeline}|{environment}|{version}` to fleet.out in the fleet root.
func autoFleet(_ names: [String] = ["alpha", "beta"]) -> TempRoot {
    let fleet = TempRoot([
        "fleet.yaml": """
        notify:
          - on: [deployed]
            run: [sh, -c, 'printf "%s|%s|%s|%s\\n" "$@" >> fleet.out', n, "{event}", "{pipeline}", "{environment}",
                  "{version}"]
        """
    ])
    let auto = autoRoot()
    for name in names {
        for (rel, data) in auto.fingerprint() {
            let text = String(decoding: data, as: UTF8.self)
            fleet.write(name + "/" + rel, text.replacingOccurrences(of: "pipeline: shop", with: "pipeline: \(name)"))
        }
    }
    return fleet
}

@Suite("airlock agent: fleet", .timeLimit(.minutes(2)))
struct AgentFleetTests {
    func stop(_ p: Process, _ err: PipeText) {
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0, "\(err.text)")
        err.finish(within: 5)
    }

    @Test func oneAgentRecordsNotifiesAndPromotesInEveryPipeline() throws {
        let fleet = autoFleet()
        let (p, _, err) = try launch(["agent"], root: fleet.path)
        #expect(err.wait(for: "following the fleet at", within: 20), "\(err.text)")
        #expect(err.wait(for: "alpha: recorded production health healthy", within: 20), "\(err.text)")
        #expect(err.wait(for: "beta: recorded production health healthy", within: 20), "\(err.text)")
        cdWrite(fleet, "beta/environments/development.yaml", "version: 2.0.0\nhealth: healthy\n")
        #expect(err.wait(for: "beta: promoted 2.0.0 into qa (auto)", within: 20), "\(err.text)")
        #expect(lines(fleet, "fleet.out", count: 1) == ["deployed|beta|development|2.0.0"], "\(err.text)")
        cdWrite(fleet, "alpha/environments/production.yaml", "version: 2.0.0\nhealth: healthy\n")
        #expect(err.wait(for: "alpha: recorded production deployed 2.0.0 (was 1.0.0)", within: 20), "\(err.text)")
        #expect(lines(fleet, "fleet.out", count: 2).last == "deployed|alpha|production|2.0.0", "\(err.text)")
        stop(p, err)
        #expect(fleet.read("beta/promotions/qa.yaml")?.contains("version: 2.0.0") == true)
        #expect(fleet.read("alpha/promotions/qa.yaml") == nil)
        #expect(fleet.read("beta/audit.jsonl")?.contains("\"reason\":\"auto\"") == true)
        #expect(
            fleet.read("alpha/audit.jsonl")?.contains("\"version\":\"2.0.0\",\"environment\":\"production\"") == true)
    }

    @Test func aSecondFleetAgentAndAnAgentOnOneOfItsPipelinesExitOne() throws {
        let fleet = autoFleet()
        let (p, _, err) = try launch(["agent"], root: fleet.path)
        #expect(err.wait(for: "beta: recorded production health healthy", within: 20), "\(err.text)")
        let second = run(["agent"], root: fleet.path, limit: 20)
        #expect(second.code == 1, "\(second.err)")
        #expect(second.err.contains("another agent runs on \(fleet.path): pid \(p.processIdentifier)"), "\(second.err)")
        for (args, at) in [(["--pipeline", "alpha"], fleet.path), ([], fleet.path + "/beta")] {
            let one = run(["agent"] + args, root: at, limit: 20)
            #expect(one.code == 1, "\(one.err)")
            #expect(
                one.err.contains("the agent of the fleet \(fleet.path), pid \(p.processIdentifier) on "), "\(one.err)")
        }
        stop(p, err)
    }

    @Test func aPipelineWhoseAgentRunsIsLeftToItAndTakenWhenItStops() throws {
        let fleet = autoFleet()
        let (one, _, oneErr) = try launch(["agent", "--pipeline", "alpha"], root: fleet.path)
        #expect(oneErr.wait(for: "recorded production health healthy", within: 20), "\(oneErr.text)")
        let (p, _, err) = try launch(["agent"], root: fleet.path, extraEnv: ["AIRLOCK_POLL_INTERVAL": "0.2"])
        #expect(err.wait(for: "alpha: not followed: another agent runs on", within: 20), "\(err.text)")
        #expect(err.wait(for: "beta: recorded production health healthy", within: 20), "\(err.text)")
        stop(one, oneErr)
        // Tried again within 30 s: the fleet's agent takes the pipeline over.
        cdWrite(fleet, "alpha/environments/production.yaml", "version: 2.0.0\nhealth: healthy\n")
        #expect(err.wait(for: "alpha: recorded production deployed 2.0.0", within: 40), "\(err.text)")
        stop(p, err)
    }
}
