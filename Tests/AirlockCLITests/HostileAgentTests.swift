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

    @Test func statusNeitherWaitsOnAFIFONorFollowsALinkInPlaceOfTheAgentLock() {
        for make in [{ (p: String) in mkfifo(p, 0o644) }, { (p: String) in symlink("/dev/zero", p) }] {
            let root = waitRoot()
            #expect(make(root.path + "/.airlock-agent.lock") == 0)
            let r = run(["status", "--json"], root: root.path, limit: 20)
            #expect(!r.timedOut && r.code == 0, "\(r.err)")
            #expect(r.out.contains("\"agent\": null"), "\(r.out)")
        }
    }

    @Test func controlsInAHeldAgentLockNeverReachTheTerminal() {
        let root = waitRoot()
        let fd = open(root.path + "/.airlock-agent.lock", O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let record =
            #"{"actor":"x\u001b[2J\r\nfake: line","pid":1,"host":"h\u0007","command":"agent","#
            + #""since":"2026-11-20T10:00:00Z","notify_failures":-5,"recorded":"many"}"#
        _ = record.withCString { write(fd, $0, strlen($0)) }
        let table = run(["status"], root: root.path, limit: 20)
        #expect(table.out.contains("agent: pid 1 on "), "\(table.out)")
        #expect(isPrintable(table.out), "\(table.out)")
        #expect(!table.out.contains("\nfake: line"), "\(table.out)")
        let json = run(["status", "--json"], root: root.path, limit: 20)
        #expect(!json.out.contains("\u{1B}") && json.out.contains("\"notify_failures\": 0"), "\(json.out)")
    }
}
