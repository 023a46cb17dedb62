// Writers that share the root: one that does not lock, one that holds the lock, git that must not see it.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

extension HostileWriteTests {
    @Test func aWriterThatDoesNotLockLosesNothing() throws {
        // A real process rewrites the release in place, pausing half way; airlock ticks an item meanwhile.
        let root = shopRoot()
        let text = Self.othersText(7)
        let cut = text.range(of: "approvals:")?.lowerBound ?? text.endIndex
        let firstHalf = String(text[..<cut])
        let secondHalf = String(text[cut...])
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = [
            "-c", "{ printf '%s' \"$1\"; sleep 0.2; printf '%s' \"$2\"; } > \"$3\"", "writer",
            firstHalf, secondHalf, root.path + "/releases/2.5.0.yaml",
        ]
        try writer.run()
        // Start while the file holds only the first half (the moment a torn read happens).
        let deadline = Date().addingTimeInterval(10)
        while root.read("releases/2.5.0.yaml") != firstHalf && Date() < deadline { usleep(1_000) }
        #expect(root.read("releases/2.5.0.yaml") == firstHalf)
        var store = Store(root: root.path)
        store.settleTime = 1
        let outcome: String
        do {
            _ = try Self.tick(store)
            outcome = "ticked"
        } catch {
            // Refused (1) or, when the torn half was all it could read in time, bad input (2): either names the file.
            #expect(error.exitCode != 0 && error.message.hasPrefix("releases/2.5.0.yaml:"), "\(error.message)")
            outcome = "refused"
        }
        writer.waitUntilExit()
        let final = root.read("releases/2.5.0.yaml")
        #expect(Self.keepsOthersContent(final, 7), "the other writer's content was lost (\(outcome)): \(final ?? "")")
        if outcome == "ticked" {
            #expect(root.load().releases["2.5.0"]?.checklist["code-freeze"]?.done == true)
        }
    }

    @Test func waitingForTheLockSaysWhoHoldsItAndGivesUp() throws {
        let root = shopRoot()
        let lock = Self.holdLock(root.path)
        #expect(lock.inside.wait(timeout: .now() + 20) == .success)
        let before = treeState(root.path)
        let r = run(
            ["--lock-timeout", "1.5", "checklist", "2.5.0", "--done", "code-freeze"],
            root: root.path, user: "bob")
        #expect(r.code == 1)
        #expect(r.seconds >= 1.5 && r.seconds < 12, "gave up after \(r.seconds) s")
        let lines = r.err.split(separator: "\n").map(String.init)
        let holder = "alice \\(pid \(getpid()), checklist, since [0-9]{2}:[0-9]{2}:[0-9]{2}\\)"
        #expect(lines.count == 2, "\(r.err)")
        let waiting = try Regex("airlock: waiting for the lock on \(root.path) held by \(holder)")
        let gaveUp = try Regex(
            "airlock: \(root.path) is locked by \(holder); gave up after 1.5 s "
                + "\\(--lock-timeout SECONDS waits longer\\)")
        #expect(lines.first?.wholeMatch(of: waiting) != nil, "\(r.err)")
        #expect(lines.last?.wholeMatch(of: gaveUp) != nil, "\(r.err)")
        #expect(treeState(root.path) == before && isPrintable(r.err))

        // The dashboard's store gives up too (it uses the store's limit, 30 s unless set).
        #expect(Store(root: root.path).lockTimeout == 30)
        var impatient = Store(root: root.path)
        impatient.lockTimeout = 0.3
        let start = Date()
        #expect(throws: OperationError.self) {
            try impatient.approve(version: "2.4.0", environment: "production", actor: "carol")
        }
        #expect(Date().timeIntervalSince(start) < 10)

        // A command that gets the lock in time goes through after saying it waited.
        let (waiter, _, err) = try launch(
            ["checklist", "2.5.0", "--done", "code-freeze"], root: root.path, user: "bob")
        #expect(err.wait(for: "waiting for the lock", within: 20))
        lock.release.signal()
        #expect(lock.done.wait(timeout: .now() + 20) == .success)
        waiter.waitUntilExit()
        #expect(waiter.terminationStatus == 0, "\(err.text)")
        let release = root.load().releases["2.5.0"]
        #expect(release?.checklist["code-freeze"]?.by == "bob" && release?.checklist["feature-complete"]?.by == "alice")
        #expect(root.read(".airlock.lock") == "", "the holder record goes with the lock")
    }

    @Test func gitNeverSeesTheLockOrTemporaryFiles() throws {
        let root = shopRoot()
        let git = "git -c user.name=t -c user.email=t@example.invalid"
        #expect(sh("git init -q . && \(git) add -A && \(git) commit -qm init", in: root.path))
        #expect(run(["approve", "2.4.0", "--env", "production"], root: root.path).code == 0)
        // A temporary file a killed writer left behind.
        root.write("releases/.2.5.0.yaml.tmp.123.456", "version: 2.5.0\n")
        #expect(run(["approve", "2.4.0", "--env", "production"], root: root.path, user: "bob").code == 0)
        let status = shOutput("git status --porcelain --untracked-files=all", in: root.path)
        let changed = status.split(separator: "\n").map(String.init).sorted()
        #expect(changed == [" M releases/2.4.0.yaml", "?? audit.jsonl"], "\(status)")
        let exclude = try #require(root.read(".git/info/exclude"))
        for pattern in [".airlock.lock", ".airlock-agent.lock", ".*.yaml.tmp.*"] {
            #expect(exclude.split(separator: "\n").filter { $0 == pattern }.count == 1, "\(pattern) once: \(exclude)")
        }
        #expect(!FileManager.default.fileExists(atPath: root.path + "/.gitignore"))

        // A linked work tree: git names the exclude file (shared with the main one).
        let linked = root.path + "-wt"
        #expect(sh("\(git) add -A && \(git) commit -qm more && git worktree add -q '\(linked)'", in: root.path))
        defer { try? FileManager.default.removeItem(atPath: linked) }
        try FileManager.default.removeItem(atPath: root.path + "/.git/info/exclude")
        #expect(run(["checklist", "2.5.0", "--done", "code-freeze"], root: linked).code == 0)
        #expect(!shOutput("git status --porcelain --untracked-files=all", in: linked).contains(".airlock.lock"))
        #expect(root.read(".git/info/exclude")?.contains(".airlock.lock") == true)
    }
}
