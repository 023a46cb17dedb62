// Roots that sync through git: a bare hub and two clones, concurrent writers, conflicts, a hub that fails.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// A bare hub and two clones in a temporary folder, seeded with a small pipeline that syncs through git.
final class GitWorld {
    let base: String
    var hub: String { base + "/hub.git" }
    var a: String { base + "/a" }
    var b: String { base + "/b" }

    @discardableResult
    func sh(_ command: String, in dir: String? = nil) -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = URL(fileURLWithPath: dir ?? base)
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try? p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// With `seeded: false`, only the empty hub: the caller clones and seeds it.
    init(seeded: Bool = true) {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-git-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        guard seeded else {
            sh("git init -q --bare -b main hub.git")
            return
        }
        sh("git init -q --bare -b main hub.git && git clone -q hub.git a 2>/dev/null")
        let seed = shopRoot()
        sh("cp -r '\(seed.path)/.' '\(a)/' && rm -f '\(a)/.airlock.lock'")
        let pipeline = (try? String(contentsOfFile: a + "/airlock.yaml", encoding: .utf8)) ?? ""
        try? (pipeline + "\nsync:\n  git: {remote: origin, branch: main, interval: 30s}\n").write(
            toFile: a + "/airlock.yaml", atomically: true, encoding: .utf8)
        try? ".airlock.lock\n.*.tmp.*\n".write(toFile: a + "/.gitignore", atomically: true, encoding: .utf8)
        sh(
            "git add -A && git -c user.name=seed -c user.email=seed@example.invalid commit -qm seed"
                + " && git push -q origin main",
            in: a)
        sh("git clone -q hub.git b")
    }

    deinit { try? FileManager.default.removeItem(atPath: base) }

    func hubLog() -> [String] {
        sh("git --git-dir=hub.git log --format=%s main").1.split(separator: "\n").map(String.init)
    }

    func hubFile(_ rel: String) -> String { sh("git --git-dir=hub.git show main:\(rel)").1 }
}

@Suite(.serialized) struct GitSyncTests {
    @Test func concurrentApprovalsFromBothClonesBothLand() throws {
        let w = GitWorld()
        // Several operators on each clone at the same moment.
        var procs: [Process] = []
        for (root, users) in [(w.a, ["alice", "bob"]), (w.b, ["carol"])] {
            for u in users {
                procs.append(try launch(["approve", "2.4.0", "--env", "production"], root: root, user: u).0)
            }
        }
        for p in procs {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let log = w.hubLog()
        for u in ["alice", "bob", "carol"] {
            #expect(log.contains("airlock: approve 2.4.0 production by \(u)"), "\(log)")
        }
        let release = w.hubFile("releases/2.4.0.yaml")
        for u in ["alice", "bob", "carol"] { #expect(release.contains("by: \(u)")) }
        let audit = w.hubFile("audit.jsonl").split(separator: "\n")
        #expect(audit.count == 3, "one audit line each, none lost: \(audit)")
        #expect(run(["sync"], root: w.a).code == 0)
        #expect(RootLoader(root: w.a).load().audit.count == 3)
    }

    @Test func aPromotionOnOneIsSeenByTheOtherAfterSync() throws {
        let w = GitWorld()
        var r = run(["promote", "2.4.1", "--to", "staging"], root: w.a)
        #expect(r.code == 0, "\(r.err)")
        #expect(w.hubLog().first == "airlock: promote 2.4.1 staging by alice")
        #expect(RootLoader(root: w.b).load().promotions["staging"] == nil)
        r = run(["sync"], root: w.b)
        #expect(r.code == 0 && r.out.contains("synced with origin/main"), "\(r.err)")
        #expect(RootLoader(root: w.b).load().promotions["staging"]?.version == "2.4.1")
    }

    @Test func racingPromotionsOneLandsTheOtherIsRefusedCleanly() throws {
        let w = GitWorld()
        let procs = try [w.a, w.b].map { root in
            try launch(["promote", "2.4.1", "--to", "staging"], root: root, user: root == w.a ? "alice" : "bob")
        }
        var codes: [Int32] = []
        var errors = ""
        for (p, _, err) in procs {
            p.waitUntilExit()
            err.finish(within: 20)
            errors += err.text
            codes.append(p.terminationStatus)
        }
        #expect(codes.sorted() == [0, 1], "\(codes) \(errors)")
        #expect(errors.contains("already requested"), "\(errors)")
        #expect(w.hubLog().filter { $0.hasPrefix("airlock: promote") }.count == 1)
        #expect(w.hubFile("audit.jsonl").split(separator: "\n").count == 1)
        // The refused side is left clean: nothing half done, nothing unpushed.
        for root in [w.a, w.b] {
            #expect(w.sh("git status --porcelain", in: root).1.isEmpty)
            #expect(
                w.sh("git rev-list --count origin/main..HEAD", in: root).1.trimmingCharacters(
                    in: .whitespacesAndNewlines) == "0")
        }
    }

    @Test func aRejectedPushIsReplayedOnTheNewState() throws {
        let w = GitWorld()
        // Another operator pushes at the very moment b commits (a post-commit hook in b, once), so b's push
        // is rejected; b must fetch, reset, re-check the rules and re-apply its operation.
        let hook = w.b + "/.git/hooks/post-commit"
        writeScript(
            """
            #!/bin/sh
            [ -f '\(w.base)/raced' ] && exit 0
            touch '\(w.base)/raced'
            AIRLOCK_USER=alice '\(airlockBinary())' checklist 2.5.0 --done code-freeze --root '\(w.a)' >/dev/null 2>&1
            """, to: hook)
        let r = run(["checklist", "2.5.0", "--done", "feature-complete"], root: w.b, user: "bob")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("pushed after 2 attempts"), "\(r.out)")
        #expect(w.hubLog().prefix(2) == ["airlock: check 2.5.0 by bob", "airlock: check 2.5.0 staging by alice"])
        let release = w.hubFile("releases/2.5.0.yaml")
        #expect(release.contains("code-freeze") && release.contains("feature-complete"), "\(release)")
        #expect(w.hubFile("audit.jsonl").split(separator: "\n").count == 2, "no line lost")
    }

    @Test func aRemoteThatKeepsRejectingKeepsTheChangeLocalAfterFiveAttempts() throws {
        let w = GitWorld()
        #expect(run(["checklist", "2.5.0", "--done", "code-freeze"], root: w.a, user: "alice").code == 0)
        // b fetches from a stale copy of the hub but pushes to the hub: every push is rejected.
        w.sh(
            "git clone -q --bare hub.git stale.git"
                + " && git --git-dir=stale.git update-ref refs/heads/main refs/heads/main~1"
        )
        w.sh("git remote set-url origin ../stale.git && git remote set-url --push origin ../hub.git", in: w.b)
        var r = run(["checklist", "2.5.0", "--done", "feature-complete"], root: w.b, user: "bob")
        #expect(r.code == 0)
        #expect(r.err.contains("not pushed: the remote kept moving (5 attempts); airlock sync retries"), "\(r.err)")
        #expect(w.sh("git status --porcelain", in: w.b).1.isEmpty, "nothing half done: the change is one local commit")
        #expect(w.sh("git log -1 --format=%s", in: w.b).1 == "airlock: check 2.5.0 by bob\n")
        #expect(w.hubLog().first == "airlock: check 2.5.0 staging by alice")
        // Once b sees the real hub, sync re-applies the change on it: both land.
        w.sh("git remote set-url origin ../hub.git && git remote set-url --push origin ../hub.git", in: w.b)
        r = run(["sync"], root: w.b)
        #expect(r.code == 0, "\(r.err)")
        let release = w.hubFile("releases/2.5.0.yaml")
        #expect(release.contains("code-freeze") && release.contains("feature-complete"), "\(release)")
    }

    @Test func offlineWorkIsReappliedAsOperationsNotDiffs() throws {
        let w = GitWorld()
        // b works offline: two changes committed locally, while a pushes changes to the same files.
        w.sh("git remote set-url origin /nonexistent/hub.git", in: w.b)
        #expect(run(["approve", "2.4.0", "--env", "production"], root: w.b, user: "carol").code == 0)
        #expect(run(["checklist", "2.4.0", "--done", "monitoring"], root: w.b, user: "carol").code == 0)
        #expect(run(["approve", "2.4.0", "--env", "production"], root: w.a, user: "alice").code == 0)
        #expect(run(["promote", "2.4.1", "--to", "staging"], root: w.a, user: "alice").code == 0)
        w.sh("git remote set-url origin ../hub.git", in: w.b)
        let r = run(["sync"], root: w.b)
        #expect(r.code == 0 && r.out.contains("pushed 2 local commits"), "\(r.out) \(r.err)")
        let release = w.hubFile("releases/2.4.0.yaml")
        #expect(
            release.contains("by: alice") && release.contains("by: carol") && release.contains("monitoring"),
            "\(release)")
        let audit = w.hubFile("audit.jsonl").split(separator: "\n")
        #expect(audit.count == 4, "every line kept: \(audit)")
        #expect(w.sh("git status --porcelain", in: w.b).1.isEmpty)
    }

    @Test func anUnreachableRemoteKeepsLocalWorkAndSyncPushesItLater() throws {
        let w = GitWorld()
        w.sh("git remote set-url origin /nonexistent/hub.git", in: w.b)
        var r = run(["approve", "2.4.0", "--env", "production"], root: w.b, user: "carol")
        #expect(r.code == 0)
        #expect(r.err.contains("not pushed"), "\(r.err)")
        #expect(w.sh("git log -1 --format=%s", in: w.b).1.contains("airlock: approve 2.4.0 production by carol"))
        r = run(["sync"], root: w.b)
        #expect(r.code == 1 && r.err.contains("cannot sync"), "\(r.err)")
        w.sh("git remote set-url origin ../hub.git", in: w.b)
        r = run(["sync"], root: w.b)
        #expect(r.code == 0 && r.out.contains("pushed 1 local commit"), "\(r.out) \(r.err)")
        #expect(w.hubLog().first == "airlock: approve 2.4.0 production by carol")
    }

    @Test func withoutAnyGitIdentityLocalCommitsAreReappliedAndPushed() throws {
        let w = GitWorld()
        let home = w.base + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let bare = ["HOME": home, "XDG_CONFIG_HOME": home, "GIT_CONFIG_NOSYSTEM": "1"]
        // b commits while the hub is out of reach, a pushes meanwhile: b's change is re-applied (a new commit, which
        // needs an identity), then pushed.
        w.sh("git remote set-url origin /nonexistent/hub.git", in: w.b)
        var r = run(["approve", "2.4.0", "--env", "production"], root: w.b, user: "carol", extraEnv: bare)
        #expect(r.code == 0 && r.err.contains("not pushed"), "\(r.err)")
        #expect(run(["approve", "2.4.0", "--env", "production"], root: w.a, user: "alice", extraEnv: bare).code == 0)
        w.sh("git remote set-url origin ../hub.git", in: w.b)
        r = run(["sync"], root: w.b, extraEnv: bare)
        #expect(r.code == 0 && r.out.contains("pushed 1 local commit"), "\(r.out) \(r.err)")
        #expect(
            w.hubLog().prefix(2) == [
                "airlock: approve 2.4.0 production by carol", "airlock: approve 2.4.0 production by alice",
            ])
        let release = w.hubFile("releases/2.4.0.yaml")
        #expect(release.contains("by: alice") && release.contains("by: carol"), "both approvals kept: \(release)")
    }

    @Test func handEditsBlockReapplyingAndNothingIsLost() throws {
        let w = GitWorld()
        w.sh("git remote set-url origin /nonexistent/hub.git", in: w.b)
        #expect(run(["approve", "2.4.0", "--env", "production"], root: w.b, user: "carol").code == 0)
        #expect(run(["approve", "2.4.0", "--env", "production"], root: w.a, user: "alice").code == 0)
        let edited = (try String(contentsOfFile: w.b + "/releases/2.5.0.yaml", encoding: .utf8)) + "owner: me\n"
        try edited.write(toFile: w.b + "/releases/2.5.0.yaml", atomically: true, encoding: .utf8)
        w.sh("git remote set-url origin ../hub.git", in: w.b)
        let r = run(["sync"], root: w.b)
        #expect(r.code == 1 && r.err.contains("releases/2.5.0.yaml has local changes airlock did not make"), "\(r.err)")
        #expect(
            w.sh("git log -1 --format=%s", in: w.b).1 == "airlock: approve 2.4.0 production by carol\n",
            "the local change is kept")
        #expect(
            try String(contentsOfFile: w.b + "/releases/2.5.0.yaml", encoding: .utf8) == edited,
            "and so is the hand edit")
    }

    @Test func commitsMadeByHandAreRebasedNotReplayed() throws {
        let w = GitWorld()
        try "runbook\n".write(toFile: w.b + "/RUNBOOK.md", atomically: true, encoding: .utf8)
        w.sh(
            "git add RUNBOOK.md && git -c user.name=op -c user.email=op@example.invalid commit -qm 'add runbook'",
            in: w.b)
        #expect(run(["approve", "2.4.0", "--env", "production"], root: w.a, user: "alice").code == 0)
        let r = run(["sync"], root: w.b)
        #expect(r.code == 0 && r.out.contains("rebased 1 local commit"), "\(r.out) \(r.err)")
        #expect(w.hubLog().prefix(2) == ["add runbook", "airlock: approve 2.4.0 production by alice"])
    }

    @Test func localEditsAreNeverCommittedOrDiscarded() throws {
        let w = GitWorld()
        // An unrelated local edit stays as it is, uncommitted.
        try "scratch\n".write(toFile: w.b + "/NOTES.txt", atomically: true, encoding: .utf8)
        var r = run(["approve", "2.4.0", "--env", "production"], root: w.b, user: "carol")
        #expect(r.code == 0, "\(r.err)")
        #expect(w.sh("git status --porcelain", in: w.b).1 == "?? NOTES.txt\n")
        #expect(
            !w.hubLog().isEmpty && !w.sh("git --git-dir=hub.git ls-tree -r --name-only main").1.contains("NOTES.txt"))
        // A hand edit in the file a change would touch: refused, the edit kept.
        let edited = (try String(contentsOfFile: w.b + "/releases/2.5.0.yaml", encoding: .utf8)) + "owner: me\n"
        try edited.write(toFile: w.b + "/releases/2.5.0.yaml", atomically: true, encoding: .utf8)
        r = run(["checklist", "2.5.0", "--done", "code-freeze"], root: w.b, user: "carol")
        #expect(r.code == 1)
        #expect(r.err.contains("local changes airlock did not make") && r.err.contains("git stash"), "\(r.err)")
        #expect(try String(contentsOfFile: w.b + "/releases/2.5.0.yaml", encoding: .utf8) == edited)
        #expect(w.hubLog().count == 2)
    }

    @Test func syncWithoutGitConfigSaysSo() {
        let root = shopRoot()
        let r = run(["sync"], root: root.path)
        #expect(r.code == 1 && r.err.contains("sync.git is not set"))
    }
}
