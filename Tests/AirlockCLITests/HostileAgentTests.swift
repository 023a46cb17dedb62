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
}
