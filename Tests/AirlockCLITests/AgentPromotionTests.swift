// `airlock agent` promoting by itself: a ready candidate into an auto_promote environment, hooks included.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// development -> qa (auto_promote) -> production; everything runs 1.0.0, healthy.
func autoRoot(hook: String = "") -> TempRoot {
    let stamp = TimeFormatText.now()
    return TempRoot([
        "airlock.yaml": """
        pipeline: shop
        environments:
          - name: development
          - name: qa
            auto_promote: true
          - name: production
        \(hook)
        """,
        "environments/development.yaml": "version: 1.0.0\nupdated_at: \(stamp)\nhealth: healthy\n",
        "environments/qa.yaml": "version: 1.0.0\nupdated_at: \(stamp)\nhealth: healthy\n",
        "environments/production.yaml": "version: 1.0.0\nupdated_at: \(stamp)\nhealth: healthy\n",
        "releases/1.0.0.yaml": "version: 1.0.0\n",
        "releases/2.0.0.yaml": "version: 2.0.0\n",
    ])
}

@Suite("airlock agent: auto-promotion", .timeLimit(.minutes(2)))
struct AgentPromotionTests {
    @Test func developmentToQAPromotesWithinASecondOfBecomingReady() throws {
        let root = autoRoot()
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "recorded production health healthy", within: 20), "\(err.text)")
        let start = Date()
        cdReport(root, "development", "2.0.0")
        #expect(err.wait(for: "promoted 2.0.0 into qa (auto)", within: 20), "\(err.text)")
        let took = Date().timeIntervalSince(start)
        print("auto-promotion took \(String(format: "%.3f", took)) s")
        #expect(took < 1, "took \(took) s")
        #expect(root.read("promotions/qa.yaml")?.contains("version: 2.0.0") == true)
        let log = root.read("audit.jsonl") ?? ""
        #expect(log.contains("\"actor\":\"airlock-agent\",\"action\":\"promote\",\"version\":\"2.0.0\""), "\(log)")
        #expect(log.contains("\"reason\":\"auto\""), "\(log)")
        // production is not auto_promote: 2.0.0 reaching qa promotes nothing further.
        cdReport(root, "qa", "2.0.0")
        #expect(err.wait(for: "recorded qa deployed 2.0.0", within: 20), "\(err.text)")
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0)
        err.finish(within: 5)
        #expect(!err.text.contains("into production"), "\(err.text)")
        #expect(root.read("promotions/production.yaml") == nil)
    }

    @Test func theHookRunsAsPromoteWouldRunIt() throws {
        let root = autoRoot(hook: "hooks:\n  promote: [sh, -c, 'echo \"$1\" > hook.out', hook, \"{version}\"]\n")
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "recorded production health healthy", within: 20), "\(err.text)")
        cdReport(root, "development", "2.0.0")
        #expect(err.wait(for: "promoted 2.0.0 into qa (auto)", within: 20), "\(err.text)")
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(root.read("hook.out") == "2.0.0\n", "\(err.text)")
    }

    @Test func autoPromoteOnAProtectedEnvironmentIsAProblemWithItsLine() {
        let root = TempRoot([
            "airlock.yaml": """
            pipeline: shop
            environments:
              - name: qa
              - name: production
                protected: true
                approvers: [alice]
                auto_promote: true
            """
        ])
        let r = run(["check"], root: root.path)
        #expect(r.code != 0)
        #expect(
            (r.out + r.err).contains(
                "airlock.yaml:7: production.auto_promote: a protected environment cannot be promoted into automatically"
            ),
            "\(r.out)\(r.err)")
    }

    @Test func aPromotionRefusedWhileTheLockIsBusyIsTriedAgain() throws {
        let root = autoRoot()
        let (p, _, err) = try launch(["agent", "--lock-timeout", "0.2"], root: root.path)
        #expect(err.wait(for: "recorded production health healthy", within: 20), "\(err.text)")
        // Another command holds the root's lock: the agent can neither record nor promote.
        let fd = open(root.path + "/.airlock.lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        cdReport(root, "development", "2.0.0")
        #expect(err.wait(for: "cannot promote 2.0.0 into qa", within: 20), "\(err.text)")
        #expect(err.text.contains("trying again when the files change or in 5 s"), "\(err.text)")
        flock(fd, LOCK_UN)
        close(fd)
        // Freed: tried again (after the record's retry changes the log, or the backoff), and made once.
        #expect(err.wait(for: "promoted 2.0.0 into qa (auto)", within: 30), "\(err.text)")
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        err.finish(within: 5)
        let log = root.read("audit.jsonl") ?? ""
        #expect(log.components(separatedBy: "\"action\":\"promote\"").count == 2, "\(log)")
        #expect(log.components(separatedBy: "\"action\":\"deployed\",\"version\":\"2.0.0\"").count == 2)
    }
}
