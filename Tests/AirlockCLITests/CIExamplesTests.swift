// The CI examples run as CI would: examples/ci/airlock-ci.sh's steps on a temporary root, deploy-hook.sh as CD.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("CI examples")
struct CIExamplesTests {
    static let examples = repositoryRoot() + "/examples/ci"

    /// A root made of the examples' own airlock.yaml (without the hook when CD should not act) and hook script.
    static func ciRoot(withHook: Bool = true) -> TempRoot {
        let yaml = (try? String(contentsOfFile: examples + "/airlock.yaml", encoding: .utf8)) ?? ""
        let root = TempRoot()
        root.write("airlock.yaml", withHook ? yaml : yaml.cutHooks())
        if let hook = FileManager.default.contents(atPath: examples + "/deploy-hook.sh") {
            root.writeBytes("deploy-hook.sh", [UInt8](hook))
            chmod(root.path + "/deploy-hook.sh", 0o755)
        }
        return root
    }

    /// Starts one step of airlock-ci.sh on `root` as `user`, its output gathered as it comes.
    static func startStep(_ args: [String], root: TempRoot, user: String = "ci", env extra: [String: String] = [:])
        throws -> (Process, out: PipeText, err: PipeText)
    {
        var env = ProcessInfo.processInfo.environment
        env["AIRLOCK"] = airlockBinary()
        env["AIRLOCK_ROOT"] = root.path
        env["AIRLOCK_USER"] = user
        for (key, value) in extra { env[key] = value }
        return try launchProgram(["/bin/bash", examples + "/airlock-ci.sh"] + args, environment: env)
    }

    /// Runs one step to its end (at most a minute); its exit code and what it said.
    @discardableResult
    static func step(_ args: [String], root: TempRoot, user: String = "ci", env: [String: String] = [:]) throws
        -> (code: Int32, out: String, err: String)
    {
        let (p, out, err) = try startStep(args, root: root, user: user, env: env)
        let finished = waitForExit(p, within: 60)
        out.finish(within: 5)
        err.finish(within: 5)
        return (finished ? p.terminationStatus : -1, out.text, err.text)
    }

    static func waitForExit(_ p: Process, within seconds: TimeInterval) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            p.waitUntilExit()
            done.signal()
        }
        if done.wait(timeout: .now() + seconds) == .timedOut {
            p.terminate()
            return false
        }
        return true
    }

    /// Development runs `version`, reported by CI after its deploy.
    static func developmentRuns(_ version: String, _ root: TempRoot) throws {
        let cut = try step(["release", version, "notes of \(version)"], root: root)
        #expect(cut.code == 0, "\(cut.err)")
        let reported = try step(["deployed", "development", version], root: root)
        #expect(reported.code == 0, "\(reported.err)")
    }

    @Test(.timeLimit(.minutes(2)))
    func theGatePassesOnceCDReportsTheRelease() throws {
        let root = Self.ciRoot()
        try Self.developmentRuns("1.4.1", root)
        let (gate, _, gateErr) = try Self.startStep(["gate", "1.4.1", "qa"], root: root)
        #expect(gateErr.wait(for: "waiting for qa", within: 20), "the gate says what it waits for: \(gateErr.text)")
        let promoted = try Self.step(["promote", "1.4.1", "qa"], root: root)
        #expect(promoted.code == 0, "\(promoted.out) \(promoted.err)")
        #expect(promoted.out.contains("deploy-hook: deploying 1.4.1 to qa"), "\(promoted.out)")
        #expect(Self.waitForExit(gate, within: 30))
        #expect(gate.terminationStatus == 0, "\(gateErr.text)")
        let audit = root.read("audit.jsonl") ?? ""
        #expect(audit.contains("\"deployed\"") && audit.contains("\"actor\":\"cd\""), "\(audit)")
    }

    @Test(.timeLimit(.minutes(2)))
    func theGateFailsAtOnceWhenAnotherOperatorReplacesTheRequest() throws {
        let root = Self.ciRoot(withHook: false)
        try Self.developmentRuns("1.4.1", root)
        #expect(try Self.step(["promote", "1.4.1", "qa"], root: root).code == 0)
        let (gate, _, gateErr) = try Self.startStep(["gate", "1.4.1", "qa"], root: root)
        #expect(gateErr.wait(for: "waiting for qa", within: 20), "\(gateErr.text)")
        try Self.developmentRuns("1.4.2", root)
        let other = try Self.step(["promote", "1.4.2", "qa"], root: root, user: "bob")
        #expect(other.code == 0, "\(other.err)")
        #expect(Self.waitForExit(gate, within: 20))
        #expect(gate.terminationStatus == 1, "\(gateErr.text)")
        #expect(gateErr.text.contains("1.4.2"), "says what replaced it: \(gateErr.text)")
    }

    @Test(.timeLimit(.minutes(2)))
    func theGateTimesOutWith124NamingWhatItWaitsFor() throws {
        let root = Self.ciRoot(withHook: false)
        try Self.developmentRuns("1.4.1", root)
        let gate = try Self.step(["gate", "1.4.1", "qa"], root: root, env: ["AIRLOCK_WAIT_TIMEOUT": "1s"])
        #expect(gate.code == 124, "\(gate.err)")
        #expect(gate.err.contains("1.4.1") && gate.err.contains("qa"), "\(gate.err)")
    }

    @Test(.timeLimit(.minutes(2)))
    func theGateFailsWhenTheNewVersionStaysDownPastFailAfter() throws {
        let root = Self.ciRoot()
        try Self.developmentRuns("1.4.1", root)
        let (gate, _, gateErr) = try Self.startStep(
            ["gate", "1.4.1", "qa"], root: root, env: ["AIRLOCK_FAIL_AFTER": "1s"])
        #expect(gateErr.wait(for: "waiting for qa", within: 20), "\(gateErr.text)")
        let promoted = try Self.step(["promote", "1.4.1", "qa"], root: root, env: ["DEPLOY_HEALTH": "down"])
        #expect(promoted.code == 0, "\(promoted.err)")
        #expect(Self.waitForExit(gate, within: 20))
        #expect(gate.terminationStatus == 1, "\(gateErr.text)")
        #expect(gateErr.text.contains("down"), "\(gateErr.text)")
    }

    @Test(.timeLimit(.minutes(2)))
    func theGatePassesWhenTheNewVersionRecoversWithinFailAfter() throws {
        let root = Self.ciRoot()
        try Self.developmentRuns("1.4.1", root)
        let (gate, _, gateErr) = try Self.startStep(
            ["gate", "1.4.1", "qa"], root: root, env: ["AIRLOCK_FAIL_AFTER": "60s"])
        #expect(gateErr.wait(for: "waiting for qa", within: 20), "\(gateErr.text)")
        let promoted = try Self.step(["promote", "1.4.1", "qa"], root: root, env: ["DEPLOY_HEALTH": "down"])
        #expect(promoted.code == 0, "\(promoted.err)")
        #expect(gateErr.wait(for: "qa: down", within: 20), "the gate saw the blip: \(gateErr.text)")
        #expect(gate.isRunning, "a blip shorter than --fail-after is not a failure")
        // Monitoring sees it recover: the same step CD runs after a deploy.
        #expect(try Self.step(["deployed", "qa", "1.4.1"], root: root, user: "monitoring").code == 0)
        #expect(Self.waitForExit(gate, within: 20))
        #expect(gate.terminationStatus == 0, "\(gateErr.text)")
    }

    @Test
    func everyStepTheWorkflowsCallIsOneTheScriptKnows() throws {
        let script = try String(contentsOfFile: Self.examples + "/airlock-ci.sh", encoding: .utf8)
        for file in ["github-actions.yml", "gitlab-ci.yml"] {
            let text = try String(contentsOfFile: Self.examples + "/" + file, encoding: .utf8)
            let calls = text.components(separatedBy: "airlock-ci.sh ").dropFirst()
            #expect(calls.count >= 4, "\(file) calls the steps")
            for call in calls {
                let name = String(call.prefix { $0.isLetter })
                #expect(script.contains("\n  \(name))\n"), "\(file) calls step \(name)")
            }
        }
    }
}

extension String {
    /// The airlock.yaml without its `hooks:` block (CD that has not acted yet).
    fileprivate func cutHooks() -> String {
        var out: [Substring] = []
        var inHooks = false
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("hooks:") {
                inHooks = true
                continue
            }
            if inHooks && (line.hasPrefix(" ") || line.isEmpty) { continue }
            inHooks = false
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
