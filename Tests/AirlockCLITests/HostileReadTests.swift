// Hostile input while reading a root: what stands where a status file belongs is a file, nothing, or a problem
// with its path; nothing blocks, nothing outside the root is read, and a merge key or a clock does not fool it.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite("Hostile input: reading the root") struct HostileReadTests {
    /// Runs the binary; nil when it was still running after `seconds` (and was killed).
    func runWithin(_ seconds: Double, _ args: [String], root: String) -> RunResult? {
        let r = run(args, root: root, limit: seconds)
        return r.timedOut ? nil : r
    }

    @Test func aFIFOWhereAStatusFileBelongsIsAProblemNotAHang() throws {
        let root = shopRoot()
        try FileManager.default.removeItem(atPath: root.path + "/environments/qa.yaml")
        #expect(mkfifo(root.path + "/environments/qa.yaml", 0o644) == 0)
        #expect(mkfifo(root.path + "/releases/9.9.9.yaml", 0o644) == 0)
        let before = root.fingerprint()
        let r = try #require(runWithin(20, ["check"], root: root.path), "check must not wait on a FIFO")
        #expect(r.code == 1)
        #expect(r.out.contains("environments/qa.yaml: not a regular file (a FIFO)"))
        #expect(r.out.contains("releases/9.9.9.yaml: not a regular file (a FIFO)"))
        let status = try #require(runWithin(20, ["status", "--json"], root: root.path))
        #expect(status.code == 1 && status.out.contains("not a regular file"))
        #expect(root.fingerprint() == before)
    }

    @Test func aFolderWhereAFileBelongsIsNamedNotSkipped() throws {
        let root = shopRoot()
        try FileManager.default.createDirectory(
            atPath: root.path + "/releases/1.0.0.yaml", withIntermediateDirectories: true)
        let snap = root.load()
        #expect(
            snap.problems.contains { $0.path == "releases/1.0.0.yaml" && $0.message == "not a regular file (a folder)" }
        )
        // airlock.yaml as a folder is that, not "missing".
        let other = shopRoot()
        try FileManager.default.removeItem(atPath: other.path + "/airlock.yaml")
        try FileManager.default.createDirectory(atPath: other.path + "/airlock.yaml", withIntermediateDirectories: true)
        #expect(other.load().problems.map(\.description) == ["airlock.yaml: not a regular file (a folder)"])
    }

    @Test func aFileWhereAFolderBelongsIsAProblem() throws {
        let root = shopRoot()
        try FileManager.default.removeItem(atPath: root.path + "/environments")
        root.write("environments", "version: 1.0.0\n")
        let r = try #require(runWithin(20, ["check"], root: root.path))
        #expect(r.code == 1)
        #expect(
            r.out.contains("environments: not a folder (not a file)") || r.out.contains("environments: not a folder"))
    }

    @Test func aSymlinkLeavingTheRootIsNotRead() throws {
        let root = shopRoot()
        let outside = TempRoot(["secret.yaml": "version: 9.9.9\n", "envs/qa.yaml": "version: 9.9.9\n"])
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/releases/9.9.9.yaml",
            withDestinationPath: outside.path + "/secret.yaml")
        let snap = root.load()
        #expect(snap.releases["9.9.9"] == nil)
        #expect(
            snap.problems.contains {
                $0.path == "releases/9.9.9.yaml" && $0.message.hasPrefix("a symlink that leaves the status root")
            })
        // A whole folder linked out of the root is not listed.
        try FileManager.default.removeItem(atPath: root.path + "/environments")
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/environments", withDestinationPath: outside.path + "/envs")
        let again = RootLoader(root: root.path).load()
        #expect(again.environments.isEmpty)
        #expect(
            again.problems.contains {
                $0.path == "environments" && $0.message.hasPrefix("a symlink that leaves the status root")
            })
        // A symlink that stays inside the root is fine.
        let inside = shopRoot()
        try FileManager.default.moveItem(
            atPath: inside.path + "/releases/2.5.0.yaml", toPath: inside.path + "/kept-2.5.0.yaml")
        try FileManager.default.createSymbolicLink(
            atPath: inside.path + "/releases/2.5.0.yaml", withDestinationPath: "../kept-2.5.0.yaml")
        let fine = inside.load()
        #expect(fine.releases["2.5.0"] != nil && fine.problems.isEmpty, "\(fine.problems)")
    }

    @Test func aKeyOverridingAMergeKeyIsNotADuplicate() throws {
        let yaml = "defaults: &d {soak: 1h, gates: [a]}\nenv:\n  <<: *d\n  gates: [b]\n  name: x\n"
        let node = try #require(try YAMLReader.parse(Array(yaml.utf8)))
        let env = try #require(node["env"])
        guard case .sequence(let gates, _)? = env["gates"], case .scalar(let g)? = gates.first else {
            Issue.record("gates: expected a list")
            return
        }
        #expect(g.text == "b", "the mapping's own key wins over the merged one")
        #expect(env["soak"].map { if case .scalar(let s) = $0 { s.text } else { "" } } == "1h")
        // A key given twice in the mapping itself is still a duplicate.
        #expect(throws: YAMLReadError.self) { try YAMLReader.parse(Array("a:\n  <<: {x: 1}\n  y: 1\n  y: 2\n".utf8)) }
    }

    @Test func aMergeKeyInThePipelineKeepsItReadable() {
        let root = shopRoot()
        root.write(
            "airlock.yaml",
            """
            pipeline: shop
            environments:
              - &base {name: development, stale_after: 10m, gates: [code-freeze]}
              - <<: *base
                name: production
                gates: [tests-passed]
            """)
        let snap = root.load()
        #expect(snap.problems.filter { $0.path == "airlock.yaml" }.isEmpty, "\(snap.problems)")
        #expect(snap.pipeline?.environments.map(\.gates) == [["code-freeze"], ["tests-passed"]])
    }

    @Test func aHeartbeatFromTheFutureIsAProblemAndStale() throws {
        let root = shopRoot()
        let future = TimeFormat.formatTimestamp(now.addingTimeInterval(3 * 3600 + 90))
        root.write("environments/qa.yaml", "version: 2.4.1\nhealth: healthy\nupdated_at: \(future)\n")
        let snap = root.load()
        let problem = try #require(snap.problems.first { $0.path == "environments/qa.yaml" })
        #expect(problem.line == 3)
        #expect(problem.message.hasPrefix("updated_at is 3h") && problem.message.contains("in the future"))
        let qa = try #require(snap.pipeline?.environment(named: "qa"))
        #expect(Rules.isStale(qa, in: snap, now: now))
        #expect(snap.environments["qa"]?.version == "2.4.1", "the reported state is still shown")
        // A little skew is tolerated.
        root.write(
            "environments/qa.yaml",
            "version: 2.4.1\nhealth: healthy\nupdated_at: \(TimeFormat.formatTimestamp(now.addingTimeInterval(60)))\n")
        let fine = RootLoader(root: root.path).load()
        #expect(fine.problems.isEmpty)
        #expect(!Rules.isStale(qa, in: fine, now: now))
    }
}

extension HostileReadTests {
    @Test func anAuditLogLinkedOutOfTheRootIsNotRead() throws {
        let root = shopRoot()
        let line =
            #"{"at": "2026-11-20T10:00:00Z", "actor": "mallory", "action": "approve", "version": "2.4.0", "#
            + #""environment": "production"}"#
        let outside = TempRoot(["audit.jsonl": line + "\n"])
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/audit.jsonl", withDestinationPath: outside.path + "/audit.jsonl")
        let snap = root.load()
        #expect(
            snap.problems.contains {
                $0.path == "audit.jsonl" && $0.message.hasPrefix("a symlink that leaves the status root")
            })
        let log = try #require(runWithin(20, ["log"], root: root.path))
        #expect(!log.out.contains("mallory"))
        #expect(log.code == 1 && log.err.contains("a symlink that leaves the status root"), "\(log.err)")
    }
}

extension HostileReadTests {
    @Test func aGitRemoteOrBranchThatGitWouldReadAsAnOptionIsAProblem() throws {
        let root = shopRoot()
        let yaml = try #require(root.read("airlock.yaml"))
        root.write(
            "airlock.yaml",
            yaml
                + "\nsync:\n  git: {remote: \"--upload-pack=touch \(root.path)/pwned; git-upload-pack\", "
                + "branch: \"-x\"}\n"
        )
        let snap = root.load()
        #expect(
            snap.problems.map(\.description).contains {
                $0.hasPrefix("airlock.yaml:") && $0.contains("sync.git.remote: expected a remote name")
            },
            "\(snap.problems)")
        #expect(snap.problems.map(\.description).contains { $0.contains("sync.git.branch: expected a branch name") })
        let git = Subprocess.run(["git", "init", "-q", "."], in: root.path)
        #expect(git.ok)
        let sync = try #require(runWithin(30, ["sync"], root: root.path))
        #expect(sync.code != 0)
        #expect(!FileManager.default.fileExists(atPath: root.path + "/pwned"), "no program ran")
        #expect(GitNames.isSafeBranch("release/2026-11") && GitNames.isSafeRemote("git@example.com:ops/status.git"))
        #expect(!GitNames.isSafeBranch("a..b") && !GitNames.isSafeBranch("x.lock") && !GitNames.isSafeRemote("a b"))
    }
}

extension HostileReadTests {
    @Test func noWriteGoesThroughAHardLinkOrALinkedGitExclude() throws {
        let root = shopRoot()
        let outside = TempRoot(["audit.jsonl": "", "exclude": "# theirs\n"])
        #expect(link(outside.path + "/audit.jsonl", root.path + "/audit.jsonl") == 0)
        let before = root.fingerprint()
        let r = run(["approve", "2.4.0", "--env", "production"], root: root.path)
        #expect(r.code == 1 && r.err.contains("audit.jsonl: has 1 other hard link(s)"), "\(r.err)")
        #expect(outside.read("audit.jsonl") == "")
        #expect(root.fingerprint() == before)
        // A git exclude file that is a link out of the repository is left alone.
        let repo = TempRoot()
        #expect(Subprocess.run(["git", "init", "-q", "."], in: repo.path).ok)
        try FileManager.default.removeItem(atPath: repo.path + "/.git/info/exclude")
        try FileManager.default.createSymbolicLink(
            atPath: repo.path + "/.git/info/exclude",
            withDestinationPath: outside.path + "/exclude")
        let nested = shopRoot()
        try FileManager.default.moveItem(atPath: nested.path, toPath: repo.path + "/status")
        let approved = run(["approve", "2.4.0", "--env", "production"], root: repo.path + "/status")
        #expect(approved.code == 0, "\(approved.err)")
        #expect(outside.read("exclude") == "# theirs\n")
    }
}

extension HostileReadTests {
    @Test func linksToNothingOrOutOfTheRootAreNamedNotMissing() throws {
        let root = shopRoot()
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/audit.jsonl", withDestinationPath: "/nonexistent/x")
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/releases/7.0.0.yaml", withDestinationPath: "7.0.0.yaml")
        let check = run(["check"], root: root.path)
        #expect(check.code == 1)
        #expect(check.out.contains("audit.jsonl: a symlink to nothing"), "\(check.out)")
        #expect(check.out.contains("releases/7.0.0.yaml: a symlink loop"), "\(check.out)")
        let moved = shopRoot()
        let outside = TempRoot()
        try FileManager.default.removeItem(atPath: outside.path)
        try FileManager.default.moveItem(atPath: moved.path + "/releases", toPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: moved.path + "/releases", withDestinationPath: outside.path)
        let before = moved.fingerprint()
        let r = run(["approve", "2.4.0", "--env", "production"], root: moved.path)
        #expect(r.code == 2 && r.err.contains("releases: a symlink that leaves the status root"), "\(r.err)")
        #expect(moved.fingerprint() == before)
    }
}
