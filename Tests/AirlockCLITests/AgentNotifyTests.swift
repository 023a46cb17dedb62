// `airlock agent` running notify commands: each event once with its values; a hanging one stopped at its limit.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// development -> qa -> production, all at 1.0.0 and healthy, with `notify:` as given.
func notifyRoot(_ notify: String) -> TempRoot {
    let stamp = TimeFormatText.now()
    return TempRoot([
        "airlock.yaml": "pipeline: shop\nenvironments:\n  - name: development\n  - name: qa\n  - name: production\n"
            + notify,
        "environments/development.yaml": "version: 1.0.0\nupdated_at: \(stamp)\nhealth: healthy\n",
        "environments/qa.yaml": "version: 1.0.0\nupdated_at: \(stamp)\nhealth: healthy\n",
        "environments/production.yaml": "version: 1.0.0\nupdated_at: \(stamp)\nhealth: healthy\n",
        "releases/1.0.0.yaml": "version: 1.0.0\n",
        "releases/2.0.0.yaml": "version: 2.0.0\n",
    ])
}

@Suite("airlock agent: notify", .timeLimit(.minutes(2)))
struct AgentNotifyTests {
    @Test func aNotifyCommandReceivesEachEventOnceWithItsValues() throws {
        let root = notifyRoot(
            """
            notify:
              - on: [deployed, health, ready, requested, rolled-back]
                run: [sh, -c, 'printf "%s|%s|%s|%s|%s|%s|%s\\n" "$@" >> notify.out', n, "{event}", "{pipeline}",
                      "{environment}", "{version}", "{previous}", "{health}", "{actor}"]
            """)
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "recorded production health healthy", within: 20), "\(err.text)")
        cdReport(root, "development", "2.0.0")
        var got = lines(root, "notify.out", count: 2)
        #expect(got == ["deployed|shop|development|2.0.0|1.0.0||", "ready|shop|qa|2.0.0|1.0.0||"], "\(err.text)")
        let promote = run(["promote", "2.0.0", "--to", "qa"], root: root.path, user: "alice")
        #expect(promote.code == 0, "\(promote.err)")
        got = lines(root, "notify.out", count: 3)
        #expect(got.last == "requested|shop|qa|2.0.0|1.0.0||alice", "\(got)")
        cdReport(root, "qa", "2.0.0", health: "down")
        got = lines(root, "notify.out", count: 5)
        #expect(Array(got.dropFirst(3)) == ["deployed|shop|qa|2.0.0|1.0.0||", "health|shop|qa|2.0.0|healthy|down|"])
        let back = run(["rollback", "qa", "--to", "1.0.0"], root: root.path, user: "bob")
        #expect(back.code == 0, "\(back.err)")
        got = lines(root, "notify.out", count: 6)
        #expect(got.last == "rolled-back|shop|qa|1.0.0|2.0.0||bob", "\(got)")
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0)
        #expect(lines(root, "notify.out", count: 7, within: 0).count == 6, "each event once")
    }

    @Test func aHangingCommandIsStoppedAtItsLimitAndTheOthersStillRun() throws {
        let root = notifyRoot(
            """
            notify:
              - on: [deployed]
                run: [sleep, "60"]
                timeout: 3s
              - on: [deployed]
                run: [sh, -c, 'echo "$1" >> ok.out', n, "{environment} {version}"]
            """)
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "recorded production health healthy", within: 20), "\(err.text)")
        let start = Date()
        cdReport(root, "development", "2.0.0")
        #expect(lines(root, "ok.out", count: 1) == ["development 2.0.0"])
        // Well under the hanging command's 3 s limit, with room for a slow (sanitized, loaded) machine.
        #expect(Date().timeIntervalSince(start) < 2.5, "the other command waited for the hanging one")
        #expect(
            err.wait(for: "notify sleep (deployed development): did not finish within", within: 20), "\(err.text)")
        #expect(err.wait(for: "gave up after 3 attempts (1 failed so far)", within: 45), "\(err.text)")
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0)
    }

    @Test func aHeartbeatGoingStaleIsToldOnce() throws {
        let root = notifyRoot(
            """
            notify:
              - on: [stale]
                run: [sh, -c, 'echo "$1" >> stale.out', n, "{event} {environment} {version}"]
            """)
        root.write(
            "airlock.yaml",
            (root.read("airlock.yaml") ?? "").replacingOccurrences(
                of: "  - name: development\n", with: "  - name: development\n    stale_after: 2s\n"))
        cdReport(root, "development", "1.0.0")
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "following", within: 20), "\(err.text)")
        #expect(lines(root, "stale.out", count: 1, within: 30) == ["stale development 1.0.0"], "\(err.text)")
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(lines(root, "stale.out", count: 2, within: 0) == ["stale development 1.0.0"])
    }

    @Test func aStoppingAgentRetriesNothingAndSaysSo() throws {
        let root = notifyRoot(
            """
            notify:
              - on: [deployed]
                run: [sh, -c, 'touch started; sleep 1; exit 3']
            """)
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "recorded production health healthy", within: 20), "\(err.text)")
        cdReport(root, "development", "2.0.0")
        let deadline = Date().addingTimeInterval(20)
        while root.read("started") == nil && Date() < deadline { usleep(10_000) }
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0)
        err.finish(within: 5)
        #expect(err.text.contains("exited 3; not retried (the agent is stopping) after 1 attempt"), "\(err.text)")
        #expect(!err.text.contains("retrying"), "\(err.text)")
        #expect(!err.text.contains("leaving them"), "\(err.text)")
        #expect(err.text.hasSuffix("airlock: agent: stopped by SIGTERM\n"), "\(err.text)")
    }

    @Test func anUnknownEventIsAProblemWithItsLine() {
        let root = notifyRoot("notify:\n  - on: [deployed, exploded]\n    run: [echo]\n  - on: [ready]\n    run: []\n")
        let r = run(["check"], root: root.path)
        #expect(r.code == 1)
        #expect((r.out + r.err).contains("airlock.yaml:7: notify[0].on: unknown event exploded"), "\(r.out)\(r.err)")
        #expect((r.out + r.err).contains("airlock.yaml:10: notify[1].run: expected a non-empty argv list"), "\(r.out)")
    }
}
