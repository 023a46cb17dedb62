// Writes through the binary: the story of a release, refusals that change nothing, hooks, concurrency, kill -9.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct WriteTests {
    @Test func approvePromoteDeployRollbackTellsTheStory() throws {
        let root = shopRoot()
        // Blocked until two approvals are in.
        var r = run(["promote", "2.4.0", "--to", "production", "--yes"], root: root.path)
        #expect(r.code == 1)
        #expect(r.err.contains("approvals:0/2"))
        #expect(run(["approve", "2.4.0", "--env", "production"], root: root.path, user: "alice").code == 0)
        r = run(["approve", "2.4.0", "--env", "production"], root: root.path, user: "alice")
        #expect(r.code == 0 && r.out.contains("already approved"), "approving twice is a no-op")
        #expect(run(["approve", "2.4.0", "--env", "production"], root: root.path, user: "bob").code == 0)
        let release = try #require(root.read("releases/2.4.0.yaml"))
        #expect(release.contains("owner: payments-team"), "unknown keys are kept")
        #expect(root.load().problems == [])

        r = run(
            ["promote", "2.4.0", "--to", "production", "--yes", "--reason", "gateway launch"], root: root.path,
            user: "carol")
        #expect(r.code == 0, "\(r.err)")
        let request = try #require(root.load().promotions["production"])
        #expect(
            request.version == "2.4.0" && request.from == "staging" && request.kind == .promotion
                && request.requestedBy == "carol")
        #expect(request.reason == "gateway launch")
        // In progress until CD reports it; asking again is refused.
        #expect(Rules.pending(into: 3, snapshot: root.load(), now: Date())?.state == .inProgress)
        #expect(run(["promote", "2.4.0", "--to", "production", "--yes"], root: root.path).code == 1)

        // CD rolls it out.
        root.write("environments/production.yaml", "version: 2.4.0\nupdated_at: \(recent)\nhealth: healthy\n")
        #expect(Rules.pending(into: 3, snapshot: root.load(), now: Date()) == nil)

        // Roll back: the previous version comes from the audit log.
        r = run(["rollback", "production", "--yes", "--reason", "errors up"], root: root.path, user: "bob")
        #expect(r.code == 0, "\(r.err)")
        let back = try #require(root.load().promotions["production"])
        #expect(back.version == "2.3.0" && back.kind == .rollback && back.from == nil)

        let log = root.load().audit
        #expect(log.map(\.action) == [.approve, .approve, .promote, .rollback])
        #expect(log[2].previous == "2.3.0" && log[2].from == "staging" && log[2].actor == "carol")
        #expect(log[3].previous == "2.4.0" && log[3].version == "2.3.0" && log[3].reason == "errors up")
        let text = run(["log"], root: root.path)
        #expect(text.code == 0)
        #expect(text.out.split(separator: "\n").first?.contains("rollback") == true, "newest first")
        let json = run(["log", "--json", "--env", "production"], root: root.path)
        #expect(json.out.split(separator: "\n").count == 4)
    }

    @Test func checklistTickUntickAndShow() throws {
        let root = shopRoot()
        var r = run(
            ["checklist", "2.5.0", "--done", "code-freeze", "--note", "frozen at noon"], root: root.path, user: "bob")
        #expect(r.code == 0, "\(r.err)")
        var item = root.load().releases["2.5.0"]?.checklist["code-freeze"]
        #expect(item?.done == true && item?.by == "bob" && item?.note == "frozen at noon" && item?.at != nil)
        r = run(["checklist", "2.5.0", "--undo", "code-freeze"], root: root.path, user: "carol")
        #expect(r.code == 0)
        item = root.load().releases["2.5.0"]?.checklist["code-freeze"]
        #expect(item?.done == false && item?.by == "carol")
        r = run(["checklist", "2.5.0"], root: root.path)
        #expect(r.code == 0 && r.out.contains("[ ] code-freeze") && r.out.contains("(gate of staging)"))
        let audit = root.load().audit
        #expect(audit.map(\.action) == [.check, .uncheck])
        #expect(audit[0].item == "code-freeze" && audit[0].environment == "staging")
    }

    @Test(arguments: [
        (["promote", "2.4.0", "--to", "production", "--yes"], "alice", Int32(1)),  // unmet approvals
        (["promote", "2.4.1", "--to", "staging"], "mallory", Int32(0)),  // control: allowed (not protected)
    ])
    func promoteOutcome(args: [String], user: String, code: Int32) {
        let root = shopRoot()
        #expect(run(args, root: root.path, user: user).code == code)
    }

    @Test func everyRefusalLeavesEveryFileByteIdentical() throws {
        let root = shopRoot()
        // Make production promotable except for the confirmation, to test the confirmation refusal alone.
        root.write(
            "releases/2.4.0.yaml",
            """
            version: 2.4.0
            checklist: {tests-passed: true}
            approvals:
              - {by: alice, environment: production}
              - {by: bob, environment: production}
            """)
        root.write("audit.jsonl", "")
        let before = root.fingerprint()
        let refusals: [([String], String, Int32, String)] = [
            (["approve", "2.4.0", "--env", "production"], "mallory", 1, "not an approver"),
            (["promote", "2.4.0", "--to", "production"], "alice", 1, "--yes"),
            (["promote", "2.4.0", "--to", "production", "--yes"], "mallory", 1, "not an approver"),
            (["promote", "2.4.1", "--to", "qa"], "alice", 1, "not waiting"),
            (["promote", "2.4.1", "--to", "production", "--yes"], "alice", 1, "not waiting"),
            (["promote", "2.4.0", "--to", "moon"], "alice", 2, "unknown environment"),
            (["promote", "../x", "--to", "qa"], "alice", 2, "not a valid version"),
            (["promote", "a/b", "--to", "qa"], "alice", 2, "not a valid version"),
            (["promote", "2.5.0", "--to", "development"], "alice", 2, "first environment"),
            (["approve", "../../etc/passwd", "--env", "production"], "alice", 2, "not a valid version"),
            (["approve", "9.9.9", "--env", "production"], "alice", 2, "does not exist"),
            (["approve", "2.4.0", "--env", "../production"], "alice", 2, "unknown environment"),
            (["checklist", "2.4.0", "--done", "bogus"], "alice", 2, "unknown checklist item"),
            (["checklist", "2.4.0", "--done", "approval"], "alice", 2, "computed"),
            (["checklist", "9.9.9", "--done", "code-freeze"], "alice", 2, "does not exist"),
            (["checklist", "2.4.0", "--note", "x"], "alice", 2, "--note"),
            (["rollback", "production"], "alice", 2, "--to"),
            (["rollback", "production", "--to", "2.2.0", "--yes"], "alice", 2, "does not exist"),
            (["rollback", "production", "--to", "2.4.0"], "alice", 1, "--yes"),
            (["rollback", "production", "--to", "2.4.0", "--yes"], "mallory", 1, "not an approver"),
            (["rollback", "production", "--to", "2.3.0", "--yes"], "alice", 1, "already runs"),
            (["rollback", "production", "--to", "2.4.0", "--yes"], "alice", 1, "use promote"),
            (["rollback", "nowhere"], "alice", 2, "unknown environment"),
            (["promote", "2.4.0"], "alice", 2, "--to"),
        ]
        for (args, user, code, message) in refusals {
            let r = run(args, root: root.path, user: user)
            #expect(r.code == code, "\(args) by \(user): exit \(r.code), \(r.err)")
            #expect(r.err.contains(message), "\(args): \(r.err)")
            #expect(r.err.split(separator: "\n").first.map { !$0.isEmpty } == true)
            #expect(root.fingerprint() == before, "\(args) changed a file")
        }
    }

    @Test func hookRunsAsArgvInTheRootAndItsFailureExits3() throws {
        let root = shopRoot()
        root.write(
            "airlock.yaml",
            root.read("airlock.yaml")!
                + "\nhooks:\n  promote: [./deploy.sh, \"{environment}\", \"{version}\", \"{from}; touch pwned\"]\n")
        root.write("deploy.sh", "#!/bin/sh\nprintf '%s|' \"$@\" > hook.out\npwd >> hook.out\n")
        chmod(root.path + "/deploy.sh", 0o755)
        var r = run(["promote", "2.4.1", "--to", "staging"], root: root.path)
        #expect(r.code == 0, "\(r.err)")
        let out = try #require(root.read("hook.out"))
        #expect(out.hasPrefix("staging|2.4.1|qa; touch pwned|"), "argv, no shell: \(out)")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/pwned"))
        root.write("deploy.sh", "#!/bin/sh\nexit 4\n")
        chmod(root.path + "/deploy.sh", 0o755)
        root.write("environments/staging.yaml", "version: 2.4.1\nupdated_at: \(recent)\nhealth: healthy\n")
        root.write("environments/qa.yaml", "version: 2.5.0\nupdated_at: \(recent)\nhealth: healthy\n")
        root.write("releases/2.5.0.yaml", "version: 2.5.0\nchecklist: {code-freeze: true}\n")
        r = run(["promote", "2.5.0", "--to", "staging"], root: root.path)
        #expect(r.code == 3)
        #expect(r.err.contains("exited with status 4"))
        #expect(root.load().promotions["staging"]?.version == "2.5.0", "the request stays recorded")
        root.write(
            "airlock.yaml", root.read("airlock.yaml")!.replacingOccurrences(of: "./deploy.sh", with: "./missing.sh"))
        r = run(["rollback", "staging", "--to", "2.4.0"], root: root.path)
        #expect(r.code == 0, "no rollback hook: \(r.err)")
        root.write("airlock.yaml", root.read("airlock.yaml")! + "  rollback: [./missing.sh]\n")
        try FileManager.default.removeItem(atPath: root.path + "/promotions/staging.yaml")
        r = run(["rollback", "staging", "--to", "2.4.0"], root: root.path)
        #expect(r.code == 3 && r.err.contains("hook ./missing.sh could not start"), "\(r.err)")
    }

    @Test func eightProcessesLoseNothing() throws {
        let root = shopRoot()
        let items = [
            "code-freeze", "feature-complete", "internal-testing", "tests-passed", "bug-fixes-applied",
            "migrations-tested", "config-verified", "flags-verified",
        ]
        let binary = airlockBinary()
        var processes: [Process] = []
        for i in 0..<8 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            // Each process makes 25 changes: alternately ticks and unticks its own item, with a unique note.
            p.arguments = [
                "-c",
                """
                for j in $(seq 1 25); do
                  if [ $((j % 2)) = 1 ]; then op=--done; else op=--undo; fi
                  "$0" checklist 2.5.0 $op \(items[i]) --note "p\(i)-$j" --root "$1" >/dev/null || exit 1
                done
                """, binary, root.path,
            ]
            var env = ProcessInfo.processInfo.environment
            env["AIRLOCK_USER"] = "user\(i)"
            p.environment = env
            try p.run()
            processes.append(p)
        }
        for p in processes {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let snap = root.load()
        #expect(snap.problems == [])
        #expect(snap.audit.count == 200)
        let notes = Set(snap.audit.compactMap(\.reason))
        for i in 0..<8 { for j in 1...25 { #expect(notes.contains("p\(i)-\(j)")) } }
        // The last change of each process is what the release says: 25 is odd, so every item is done.
        for (i, item) in items.enumerated() {
            let e = snap.releases["2.5.0"]?.checklist[item]
            #expect(e?.done == true && e?.note == "p\(i)-25" && e?.by == "user\(i)")
        }
    }

    /// Starts `argv` as the leader of a new process group (the group's id is its pid); nil when it cannot start.
    static func spawnInOwnGroup(_ argv: [String], environment: [String: String]) -> pid_t? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in cArgs + cEnv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], nil, &attributes, &cArgs, &cEnv) == 0 else { return nil }
        return pid
    }

    @Test func killDashNineNeverTearsAFile() throws {
        let root = shopRoot()
        let binary = airlockBinary()
        let seed = UInt64(UInt32.random(in: 1...UInt32.max))
        print("WriteTests.killDashNineNeverTearsAFile seed: \(seed)")
        var rng = SeededRandom(state: seed)
        func auditSize() -> Int {
            (try? FileManager.default.attributesOfItem(atPath: root.path + "/audit.jsonl")[.size] as? Int) ?? 0
        }
        for round in 0..<6 {
            let sizeBefore = auditSize()
            var writers: [pid_t] = []
            for i in 0..<4 {
                let script = """
                    while true; do
                      "$0" checklist 2.5.0 --done code-freeze --note "r\(round)-\(i)-$$-$(date +%N)" \\
                        --root "$1" >/dev/null 2>&1
                      "$0" approve 2.4.0 --env production --root "$1" >/dev/null 2>&1
                    done
                    """
                var env = ProcessInfo.processInfo.environment
                env["AIRLOCK_USER"] = ["alice", "bob", "carol", "dave"][i]
                let argv = ["/bin/sh", "-c", script, binary, root.path]
                writers.append(try #require(Self.spawnInOwnGroup(argv, environment: env), "cannot start a writer"))
            }
            // The writers are under way once a write of this round is recorded (a slow, loaded or sanitized run
            // takes longer to get there); then the kill lands at a random moment of the writes that follow (the
            // seed replays it).
            let started = Date()
            while auditSize() == sizeBefore && Date().timeIntervalSince(started) < 60 { usleep(10_000) }
            #expect(auditSize() > sizeBefore, "round \(round): no write recorded within 60 s")
            usleep(UInt32.random(in: 0...250_000, using: &rng))
            // Kill each writer's group (its shell and the airlock it runs) mid-flight: the group is the one this
            // test started, named by the shell's pid, which stays ours until it is reaped below.
            for pid in writers { kill(-pid, SIGKILL) }
            for pid in writers {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
            let snap = root.load()
            #expect(snap.problems == [], "round \(round): \(snap.problems)")
            #expect(snap.releases["2.5.0"] != nil && snap.releases["2.4.0"] != nil)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path + "/releases").filter {
            $0.hasPrefix(".")
        }
        // A killed writer may leave its temporary file; it is never mistaken for a release.
        #expect(leftovers.allSatisfy { $0.contains(".tmp.") })
        #expect(root.load().audit.count > 0)
    }
}
