// `airlock wait` as a real process beside a writer playing CD: each way it ends, and the story it tells on stderr.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("airlock wait", .timeLimit(.minutes(2)))
struct WaitTests {
    /// Starts `airlock wait ARGS` on `root` and waits for its first line (it has read the root and waits).
    func started(_ args: [String], _ root: TempRoot) throws -> (Process, out: PipeText, err: PipeText) {
        let (p, out, err) = try launch(["wait"] + args, root: root.path)
        #expect(err.wait(for: "waiting for", within: 20), "no first line: \(err.text)")
        return (p, out, err)
    }

    @Test func exitsZeroOnceTheEnvironmentRunsTheVersion() throws {
        let root = waitRoot()
        operatorRequest(root, "production", "2.0.0")
        let (p, out, err) = try started(["2.0.0", "--env", "production", "--json"], root)
        #expect(err.text.contains("request: 2.0.0 (promotion from staging by alice), in progress"))
        cdReport(root, "production", "2.0.0")
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0)
        err.finish(within: 5)
        out.finish(within: 5)
        #expect(err.text.contains("production: runs 2.0.0 (was 1.0.0)"), "\(err.text)")
        #expect(err.text.hasSuffix("airlock: production runs 2.0.0\n"), "\(err.text)")
        // --json: the environment object of status --json, one line.
        let obj = try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any]
        #expect(obj?["name"] as? String == "production")
        #expect(obj?["version"] as? String == "2.0.0")
        #expect(obj?["stale"] as? Bool == false)
    }

    @Test func exitsOneWhenAnotherRequestReplacesIt() throws {
        let root = waitRoot()
        operatorRequest(root, "production", "2.0.0")
        let (p, _, err) = try started(["2.0.0", "--env", "production"], root)
        operatorRequest(root, "production", "1.0.0", by: "bob", kind: "rollback")
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 1)
        err.finish(within: 5)
        #expect(err.text.contains("production: requested 1.0.0 (rollback by bob)"), "\(err.text)")
        #expect(
            err.text.hasSuffix(
                "airlock: production's request was replaced by a rollback of 1.0.0 by bob: 2.0.0 will not arrive\n"),
            "\(err.text)")
    }

    @Test func exitsOneWhenItMovesAwayAfterRunningIt() throws {
        let root = waitRoot()
        let (p, _, err) = try started(["2.0.0", "--env", "production", "--healthy"], root)
        cdReport(root, "production", "2.0.0", health: "degraded")
        #expect(err.wait(for: "production: runs 2.0.0", within: 20))
        cdReport(root, "production", "1.0.0", health: "degraded")
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 1)
        err.finish(within: 5)
        #expect(err.text.hasSuffix("airlock: production ran 2.0.0, then moved to 1.0.0\n"), "\(err.text)")
    }

    @Test func exitsOneTwentyFourOnTimeoutNamingWhatItWaitsFor() throws {
        let root = waitRoot()
        let r = run(["wait", "2.0.0", "--env", "production", "--timeout", "1s"], root: root.path, limit: 30)
        #expect(r.code == 124)
        #expect(r.seconds < 10)
        #expect(
            r.err.hasSuffix(
                "airlock: timed out after 1s waiting for production to run 2.0.0 (it runs 1.0.0; no request)\n"),
            "\(r.err)")
        #expect(r.out.isEmpty)
    }

    @Test func withHealthyDownPastFailAfterExitsOne() throws {
        let root = waitRoot()
        let (p, _, err) = try started(["2.0.0", "--env", "production", "--healthy", "--fail-after", "1s"], root)
        let began = Date()
        cdReport(root, "production", "2.0.0", health: "down")
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 1)
        // The verdict comes at the deadline, without another file change.
        #expect(Date().timeIntervalSince(began) >= 1)
        err.finish(within: 5)
        #expect(err.text.contains("production: down (was healthy)"), "\(err.text)")
        #expect(err.text.contains("airlock: production runs 2.0.0 but has been down for 1s"), "\(err.text)")
    }

    @Test func withHealthyABlipWithinFailAfterIsNoFailure() throws {
        let root = waitRoot()
        let (p, _, err) = try started(["2.0.0", "--env", "production", "--healthy", "--fail-after", "30s"], root)
        cdReport(root, "production", "2.0.0", health: "down")
        #expect(err.wait(for: "production: down (was healthy)", within: 20))
        cdReport(root, "production", "2.0.0", health: "healthy")
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0)
        err.finish(within: 5)
        #expect(err.text.contains("production: healthy (was down)"), "\(err.text)")
        #expect(err.text.hasSuffix("airlock: production runs 2.0.0, healthy\n"), "\(err.text)")
    }

    @Test func badInputExitsTwoAndWaitsForNothing() {
        let root = waitRoot()
        let before = root.fingerprint()
        let cases: [([String], String)] = [
            (["wait", "2.0.0", "--env", "qa"], "unknown environment \"qa\""),
            (["wait", "9.9.9", "--env", "production"], "no release 9.9.9"),
            (["wait", "2.0.0", "--env", "production", "--fail-after", "soon"], "--fail-after \"soon\""),
        ]
        for (args, words) in cases {
            let r = run(args, root: root.path, limit: 30)
            #expect(r.code == 2, "\(args): \(r.err)")
            #expect(r.err.contains(words), "\(args): \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "\(args): \(r.err)")
        }
        #expect(root.fingerprint() == before)
    }

    @Test func onAFleetItWaitsInThePipelineNamed() throws {
        let fleet = TempRoot()
        let member = waitRoot()
        let folder = fleet.path + "/shop"
        #expect(sh("cp -R '\(member.path)' '\(folder)'"))
        let r = run(
            ["wait", "1.0.0", "--env", "production", "--pipeline", "shop", "--timeout", "5s"], root: fleet.path,
            limit: 30)
        #expect(r.code == 0, "\(r.err)")
        let none = run(["wait", "1.0.0", "--env", "production"], root: fleet.path, limit: 30)
        #expect(none.code == 2)
        #expect(none.err.contains("--pipeline"))
    }

    @Test func aSignalEndsTheWaitSayingWhatItWaitedFor() throws {
        let root = waitRoot()
        let (p, _, err) = try started(["2.0.0", "--env", "production"], root)
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 128 + SIGTERM)
        err.finish(within: 5)
        #expect(
            err.text.contains("airlock: stopped by SIGTERM while waiting for production to run 2.0.0"), "\(err.text)")
    }
}
