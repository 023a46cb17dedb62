// `airlock agent` against hostile roots and options: one clear line, no crash, no hang, nothing written.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile input: agent", .timeLimit(.minutes(2)))
struct HostileAgentTests {
    @Test func aFIFOInPlaceOfTheAuditLogIsNamedAndTheAgentStaysUp() throws {
        let root = waitRoot()
        #expect(mkfifo(root.path + "/audit.jsonl", 0o644) == 0)
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "cannot record", within: 20), "\(err.text)")
        #expect(err.text.contains("audit.jsonl"), "\(err.text)")
        #expect(p.isRunning)
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0)
    }

    @Test func aLinkInPlaceOfTheAgentLockIsRefusedAndNotFollowed() {
        let root = waitRoot()
        let target = root.path + "/elsewhere"
        #expect(symlink(target, root.path + "/.airlock-agent.lock") == 0)
        let before = root.fingerprint()
        let r = run(["agent"], root: root.path, limit: 20)
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err.contains(".airlock-agent.lock"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(root.fingerprint() == before)
    }

    @Test(arguments: ["two\nlines", "esc\u{1B}[31m", ""])
    func anActorThatIsNotOneLineIsBadInput(_ actor: String) {
        let root = waitRoot()
        let before = root.fingerprint()
        let r = run(["agent", "--actor", actor], root: root.path, limit: 20)
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.contains("--actor"), "\(r.err)")
        #expect(!r.err.contains("\u{1B}"))
        #expect(root.fingerprint() == before)
    }

    @Test func aValueFromAFileReachesANotifyCommandAsOneArgumentNeverAShell() throws {
        let root = notifyRoot(
            """
            notify:
              - on: [deployed]
                run: [sh, -c, 'printf "%s\\n" "$1" >> got.out', n, "{actor} {version}"]
            """)
        let (p, _, err) = try launch(["agent"], root: root.path)
        #expect(err.wait(for: "recorded production health healthy", within: 20), "\(err.text)")
        cdWrite(
            root, "environments/development.yaml",
            "version: 2.0.0\nhealth: healthy\nupdated_at: \(TimeFormatText.now())\n"
                + "deployed_by: \"$(touch pwned); `touch pwned2`\"\n")
        let deadline = Date().addingTimeInterval(20)
        // The shell creates the file before it writes the line: wait for the whole line.
        while root.read("got.out")?.hasSuffix("\n") != true && Date() < deadline { usleep(10_000) }
        #expect(root.read("got.out") == "$(touch pwned); `touch pwned2` 2.0.0\n", "\(err.text)")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/pwned"))
        #expect(!FileManager.default.fileExists(atPath: root.path + "/pwned2"))
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
    }
}
