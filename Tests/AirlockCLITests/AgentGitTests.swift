// The agent's lines on a root shared through git: hold/resume lines survive a rejected push; two agents on two
// clones promote a candidate once.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite(.serialized, .timeLimit(.minutes(2))) struct AgentGitTests {
    /// qa made `auto_promote`, syncing every second, committed and pushed from a; b pulls it.
    func autoWorld() -> GitWorld {
        let w = GitWorld()
        let yaml = (try? String(contentsOfFile: w.a + "/airlock.yaml", encoding: .utf8)) ?? ""
        let auto = yaml.replacingOccurrences(of: "  - name: qa\n", with: "  - name: qa\n    auto_promote: true\n")
            .replacingOccurrences(of: "interval: 30s", with: "interval: 1s")
        try? auto.write(toFile: w.a + "/airlock.yaml", atomically: true, encoding: .utf8)
        w.sh("git -c user.name=t -c user.email=t@example.invalid commit -qam auto && git push -q origin main", in: w.a)
        w.sh("git pull -q", in: w.b)
        return w
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func aResumeWhosePushIsRejectedIsAppendedAgainAfterTheCatchUp() throws {
        let w = GitWorld()
        let hold =
            #"{"at":"2026-11-20T10:00:00Z","actor":"bob","action":"hold","version":"2.4.1","environment":"qa","#
            + #""reason":"rolled back to 2.4.1"}"#
        w.sh("printf '%s\\n' '\(hold)' >> audit.jsonl", in: w.a)
        w.sh(
            "git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm hold"
                + " && git push -q origin main",
            in: w.a)
        w.sh("git pull -q", in: w.b)
        // CI on a reports development at the moment b's resume is committed: b's push is rejected.
        writeScript(
            """
            #!/bin/sh
            [ -f '\(w.base)/raced' ] && exit 0
            touch '\(w.base)/raced'
            AIRLOCK_USER=ci '\(airlockBinary())' report development --version 2.6.0 --root '\(w.a)' >/dev/null 2>&1
            """, to: w.b + "/.git/hooks/post-commit")
        let r = run(["resume", "qa"], root: w.b, user: "carol")
        #expect(r.code == 0, "\(r.err)")
        let audit = w.hubFile("audit.jsonl")
        #expect(count("\"actor\":\"carol\",\"action\":\"resume\"", in: audit) == 1, "\(audit)")
        #expect(count("\"action\":\"deployed\",\"version\":\"2.6.0\"", in: audit) == 1, "\(audit)")
        #expect(w.hubLog().contains { $0.hasPrefix("airlock: replays resume on qa by carol") }, "\(w.hubLog())")
        // The catch-up on a remote that already says so appends nothing more.
        #expect(run(["sync"], root: w.b).code == 0)
        #expect(count("\"action\":\"resume\"", in: w.hubFile("audit.jsonl")) == 1)
    }

    @Test func twoAgentsOnTwoClonesPromoteAReadyCandidateOnce() throws {
        let w = autoWorld()
        // b cannot reach the remote while both agents promote 2.5.0 into qa (ready from the start).
        w.sh("git remote set-url origin /nonexistent/hub.git", in: w.b)
        let env = ["AIRLOCK_POLL_INTERVAL": "0.2"]
        let (pa, _, ea) = try launch(["agent"], root: w.a, extraEnv: env)
        let (pb, _, eb) = try launch(["agent"], root: w.b, extraEnv: env)
        #expect(ea.wait(for: "promoted 2.5.0 into qa (auto)", within: 30), "\(ea.text)")
        #expect(eb.wait(for: "promoted 2.5.0 into qa (auto)", within: 30), "\(eb.text)")
        #expect(eb.wait(for: "sync: ", within: 30), "\(eb.text)")
        // b reaches the remote again: its catch-up replays its promotion on a's state, where the rules refuse it.
        w.sh("git remote set-url origin ../hub.git", in: w.b)
        #expect(eb.wait(for: "sync: synced again", within: 60), "\(eb.text)")
        for (p, e) in [(pa, ea), (pb, eb)] {
            kill(p.processIdentifier, SIGTERM)
            #expect(childEnded(p, within: 20))
            e.finish(within: 5)
        }
        let audit = w.hubFile("audit.jsonl")
        #expect(
            count("\"action\":\"promote\",\"version\":\"2.5.0\",\"environment\":\"qa\"", in: audit) == 1, "\(audit)")
        #expect(w.hubLog().filter { $0.hasPrefix("airlock: promote 2.5.0 qa") }.count == 1, "\(w.hubLog())")
        #expect(w.hubFile("promotions/qa.yaml").contains("version: 2.5.0"))
    }
}
