// Holds on auto-promotion: a person's rollback pauses it (shown in status --json) until `airlock resume`.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("airlock agent: holds", .timeLimit(.minutes(2)))
struct AgentHoldTests {
    func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func qaHold(_ root: TempRoot) throws -> [String: Any]? {
        let r = run(["status", "--json"], root: root.path)
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let envs = obj?["environments"] as? [[String: Any]] ?? []
        return envs.first { $0["name"] as? String == "qa" }?["hold"] as? [String: Any]
    }

    @Test func aRollbackPutsAHoldThatResumeLifts() throws {
        let root = autoRoot()
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "recorded production health healthy", within: 20), "\(err.text)")
        cdReport(root, "development", "2.0.0")
        #expect(err.wait(for: "promoted 2.0.0 into qa (auto)", within: 20), "\(err.text)")
        cdReport(root, "qa", "2.0.0")
        #expect(err.wait(for: "recorded qa deployed 2.0.0", within: 20), "\(err.text)")
        let back = run(["rollback", "qa", "--to", "1.0.0"], root: root.path, user: "bob")
        #expect(back.code == 0, "\(back.err)")
        #expect(err.wait(for: "recorded hold on qa by bob: rolled back to 1.0.0", within: 20), "\(err.text)")
        let hold = try qaHold(root)
        #expect(hold?["by"] as? String == "bob")
        #expect(hold?["at"] is String)
        // CD carries out the rollback: 2.0.0 is a ready candidate again, but held.
        cdReport(root, "qa", "1.0.0")
        #expect(err.wait(for: "recorded qa deployed 1.0.0 (was 2.0.0)", within: 20), "\(err.text)")
        // A later change the agent records: by then it has judged the one before (and promoted nothing).
        cdReport(root, "production", "1.0.0", health: "degraded")
        #expect(err.wait(for: "recorded production health degraded", within: 20), "\(err.text)")
        #expect(occurrences("promoted 2.0.0 into qa", in: err.text) == 1, "\(err.text)")
        let resumed = run(["resume", "qa"], root: root.path, user: "carol")
        #expect(resumed.code == 0, "\(resumed.err)")
        #expect(resumed.out.hasPrefix("resumed auto-promotion into qa (held by bob since "), "\(resumed.out)")
        let deadline = Date().addingTimeInterval(20)
        while occurrences("promoted 2.0.0 into qa (auto)", in: err.text) < 2 && Date() < deadline { usleep(10_000) }
        #expect(occurrences("promoted 2.0.0 into qa (auto)", in: err.text) == 2, "\(err.text)")
        #expect(try qaHold(root) == nil)
        let log = root.read("audit.jsonl") ?? ""
        #expect(occurrences("\"action\":\"hold\"", in: log) == 1, "\(log)")
        #expect(occurrences("\"actor\":\"carol\",\"action\":\"resume\"", in: log) == 1, "\(log)")
        // Nothing held: resume says so, writes nothing.
        let before = root.fingerprint()
        let again = run(["resume", "qa"], root: root.path)
        #expect(again.code == 0)
        #expect(again.out == "auto-promotion into qa is not held; nothing changed\n", "\(again.out)")
        #expect(root.fingerprint() == before)
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0)
    }

    @Test func aHoldOlderThanTheNewest256LinesStillShowsInStatus() throws {
        let root = autoRoot()
        let hold =
            #"{"at":"2026-11-20T10:00:00Z","actor":"bob","action":"hold","version":"2.0.0","environment":"qa"}"#
        let filler = (0..<1000).map { i in
            #"{"at":"2026-11-20T10:00:01Z","actor":"ci","action":"approve","version":"9.\#(i)","environment":"qa"}"#
        }
        root.write("audit.jsonl", ([hold] + filler).joined(separator: "\n") + "\n")
        #expect(try qaHold(root)?["by"] as? String == "bob")
        let resumed = run(["resume", "qa"], root: root.path, user: "carol")
        #expect(resumed.code == 0, "\(resumed.err)")
        #expect(try qaHold(root) == nil)
    }

    @Test func resumeOnAnUnknownEnvironmentIsBadInputAndWritesNothing() {
        let root = autoRoot()
        let before = root.fingerprint()
        for env in ["nope", "../x", "q\u{1B}a"] {
            let r = run(["resume", env], root: root.path)
            #expect(r.code == 2, "\(r.err)")
            #expect(!r.err.contains("\u{1B}"))
        }
        #expect(root.fingerprint() == before)
    }
}
