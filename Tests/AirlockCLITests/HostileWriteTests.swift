// Hostile conditions around a write: a failed audit append, a full disk, special files, links, a file that changes.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

/// Bad input on the write path: each test asserts the exit code, a byte-identical root after a refusal, nothing
/// written outside the root, no control characters on any stream and a time limit.
@Suite("Hostile input: writes") struct HostileWriteTests {
    @Test func aFailedAuditAppendLeavesEveryFileAsItWas() throws {
        // The disk fills between the change and its audit line (injected), for every kind of write.
        for (args, existingRequest) in Self.writes {
            let root = shopRoot()
            root.write("audit.jsonl", "")
            if existingRequest {
                root.write(
                    "promotions/staging.yaml",
                    "version: 2.4.0\nfrom: qa\nkind: promotion\nrequested_by: bob\n"
                        + "requested_at: \(longAgo)\n")
            }
            let before = treeState(root.path)
            var store = Store(root: root.path)
            store.faults.beforeAppend = { ENOSPC }
            var failure: OperationError?
            do { _ = try Self.call(store, args) } catch { failure = error }
            #expect(failure?.exitCode == 1)
            #expect(
                failure?.message
                    == "audit.jsonl: cannot append the audit line (No space left on device); nothing was changed")
            #expect(treeState(root.path) == before, "\(args) changed a file although its audit line failed")
            // Without the fault the same command goes through: the failure above was the append, nothing else.
            store.faults.beforeAppend = nil
            #expect(try Self.call(store, args).changed)
            #expect(root.load().audit.count == 1)
            #expect(leftovers(root.path) == [])
        }
        // audit.jsonl is a folder, or a file nobody may write (immutable even for root): refused before any change.
        let root = shopRoot()
        try FileManager.default.createDirectory(atPath: root.path + "/audit.jsonl", withIntermediateDirectories: false)
        var before = treeState(root.path)
        var r = run(["approve", "2.4.0", "--env", "production"], root: root.path)
        #expect(r.code == 1 && r.err == "airlock: audit.jsonl: not a regular file\n", "\(r.err)")
        #expect(treeState(root.path) == before)
        try FileManager.default.removeItem(atPath: root.path + "/audit.jsonl")
        root.write("audit.jsonl", "")
        if sh("chattr +i '\(root.path)/audit.jsonl'") {
            defer { sh("chattr -i '\(root.path)/audit.jsonl'") }
            before = treeState(root.path)
            r = run(["approve", "2.4.0", "--env", "production"], root: root.path)
            #expect(r.code == 1 && r.err.hasPrefix("airlock: audit.jsonl: cannot open for appending"), "\(r.err)")
            #expect(treeState(root.path) == before)
            #expect(isPrintable(r.err) && isPrintable(r.out))
        }
        #expect(leftovers(root.path) == [])
    }

    @Test func aFullDiskChangesNothing() throws {
        let source = shopRoot()
        let disk = NSTemporaryDirectory() + "airlock-disk-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: disk) }
        // A small file system of its own, filled up; where tmpfs cannot be mounted, the injected fault stands in.
        guard sh("mount -t tmpfs -o size=256k tmpfs '\(disk)'") else {
            var store = Store(root: source.path)
            store.faults.beforeAppend = { ENOSPC }
            let before = treeState(source.path)
            #expect(throws: OperationError.self) {
                try store.approve(version: "2.4.0", environment: "production", actor: "alice")
            }
            #expect(treeState(source.path) == before)
            return
        }
        defer { sh("umount '\(disk)'") }
        let status = disk + "/status"
        for (rel, data) in source.fingerprint() {
            let url = URL(fileURLWithPath: status + "/" + rel)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: url.path, contents: data))
        }
        #expect(FileManager.default.createFile(atPath: status + "/audit.jsonl", contents: Data()))
        sh("dd if=/dev/zero of='\(disk)/filler' bs=4k 2>/dev/null")
        let before = treeState(status)
        let r = run(["approve", "2.4.0", "--env", "production"], root: status)
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err.contains("No space left on device") || r.err.contains("no room"), "\(r.err)")
        #expect(r.err.contains("releases/2.4.0.yaml") || r.err.contains("audit.jsonl"), "names the file: \(r.err)")
        #expect(treeState(status) == before)
        #expect(leftovers(status) == [])
        // Room for the lock's record and the release file but not for the audit line: still nothing changes.
        #expect(sh("truncate -s -8192 '\(disk)/filler'"))
        let again = run(["approve", "2.4.0", "--env", "production"], root: status)
        #expect(again.code == 1 && again.err.contains("audit.jsonl"), "\(again.err)")
        #expect(treeState(status) == before)
        // Room again: the same command goes through with its audit line.
        try FileManager.default.removeItem(atPath: disk + "/filler")
        #expect(run(["approve", "2.4.0", "--env", "production"], root: status).code == 0)
        #expect(RootLoader(root: status).load().audit.count == 1)
    }

    @Test func aNonRegularFileWhereAirlockWritesIsRefusedWithoutHanging() throws {
        let cases: [(rel: String, make: String, args: [String])] = [
            ("audit.jsonl", "mkfifo", ["approve", "2.4.0", "--env", "production"]),
            (".airlock.lock", "mkfifo", ["approve", "2.4.0", "--env", "production"]),
            ("promotions/staging.yaml", "mknod-null", ["promote", "2.4.1", "--to", "staging"]),
            ("promotions/staging.yaml", "mkdir", ["promote", "2.4.1", "--to", "staging"]),
            ("audit.jsonl", "mknod-null", ["checklist", "2.5.0", "--done", "code-freeze"]),
        ]
        for (rel, make, args) in cases {
            let root = shopRoot()
            try FileManager.default.createDirectory(
                atPath: root.path + "/promotions",
                withIntermediateDirectories: true)
            let path = root.path + "/" + rel
            switch make {
            case "mkfifo": #expect(mkfifo(path, 0o644) == 0)
            case "mknod-null": #expect(mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)
            default: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            }
            let before = treeState(root.path, skipping: [])
            let r = run(args, root: root.path, limit: 15)
            #expect(!r.timedOut, "\(rel) as \(make): still running after 15 s")
            #expect(r.code == 1, "\(rel) as \(make): exit \(r.code) \(r.err)")
            #expect(r.err == "airlock: \(rel): not a regular file\n", "\(rel) as \(make): \(r.err)")
            var after = treeState(root.path, skipping: [])
            if rel != ".airlock.lock" { after[".airlock.lock"] = before[".airlock.lock"] }
            #expect(after == before, "\(rel) as \(make) changed the root")
            #expect(isPrintable(r.err) && isPrintable(r.out))
        }
    }

    @Test func noWriteFollowsALinkOutOfTheRoot() throws {
        let outside = NSTemporaryDirectory() + "airlock-outside-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: outside + "/promotions", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        _ = FileManager.default.createFile(atPath: outside + "/audit.jsonl", contents: Data("{\"keep\": 1}\n".utf8))
        _ = FileManager.default.createFile(atPath: outside + "/2.5.0.yaml", contents: Data("version: 2.5.0\n".utf8))
        let tick = ["checklist", "2.5.0", "--done", "code-freeze"]
        let noLinks = "is a symbolic link; airlock does not write through links"
        let cases: [(rel: String, target: String, args: [String], line: String)] = [
            ("audit.jsonl", outside + "/audit.jsonl", tick, "audit.jsonl: " + noLinks),
            ("audit.jsonl", outside + "/new.jsonl", tick, "audit.jsonl: " + noLinks),
            (".airlock.lock", outside + "/lock", tick, ".airlock.lock: " + noLinks),
            (
                "promotions", outside + "/promotions", ["promote", "2.4.1", "--to", "staging"],
                "promotions: leads outside the status root (to \(outside)/promotions); "
                    + "airlock writes only inside the root"
            ),
            ("releases/2.5.0.yaml", outside + "/2.5.0.yaml", tick, "releases/2.5.0.yaml: " + noLinks),
        ]
        for (rel, target, args, line) in cases {
            let root = shopRoot()
            try? FileManager.default.removeItem(atPath: root.path + "/" + rel)
            try FileManager.default.createSymbolicLink(atPath: root.path + "/" + rel, withDestinationPath: target)
            let before = treeState(root.path, skipping: [])
            let outsideBefore = treeState(outside)
            let r = run(args, root: root.path, limit: 15)
            #expect(r.code == 1 || (rel.hasPrefix("releases/") && r.code == 2), "\(rel): exit \(r.code) \(r.err)")
            if r.code == 1 { #expect(r.err == "airlock: \(line)\n", "\(rel): \(r.err)") }
            #expect(r.err.contains(rel), "the line names \(rel): \(r.err)")
            #expect(treeState(outside) == outsideBefore, "\(rel): something outside the root changed")
            var after = treeState(root.path, skipping: [])
            if rel != ".airlock.lock" { after[".airlock.lock"] = before[".airlock.lock"] }
            #expect(after == before, "\(rel): the root changed")
            #expect(isPrintable(r.err) && isPrintable(r.out) && !r.timedOut)
        }
        // A folder linked to another place inside the root is fine.
        let root = shopRoot()
        try FileManager.default.createDirectory(atPath: root.path + "/requests", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.path + "/promotions", withDestinationPath: "requests")
        let r = run(["promote", "2.4.1", "--to", "staging"], root: root.path)
        #expect(r.code == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: root.path + "/requests/staging.yaml"))
    }

    @Test func aFileChangedUnderThePlanIsPlannedAgainOrRefused() throws {
        // Changed once after the plan was made: the tick lands on the new content.
        var root = shopRoot()
        var store = Store(root: root.path)
        let path = root.path + "/releases/2.5.0.yaml"
        store.faults.beforeVerify = { attempt in
            if attempt == 1 { Self.rewrite(path, 1) }
        }
        var result = try Self.tick(store)
        #expect(result.changed)
        var release = try #require(root.load().releases["2.5.0"])
        #expect(Self.keepsOthersContent(root.read("releases/2.5.0.yaml"), 1))
        #expect(release.checklist["code-freeze"]?.done == true && release.checklist["code-freeze"]?.by == "carol")
        #expect(release.approvals.count == 2 && root.load().audit.count == 1)

        // Changed during the settle time, by a writer that started before airlock looked: planned again.
        root = shopRoot()
        store = Store(root: root.path)
        store.settleTime = 1
        let settlePath = root.path + "/releases/2.5.0.yaml"
        store.faults.beforeVerify = { attempt in
            guard attempt == 1 else { return }
            Thread.detachNewThread { Self.rewrite(settlePath, 2) }
        }
        result = try Self.tick(store)
        #expect(result.changed)
        release = try #require(root.load().releases["2.5.0"])
        #expect(Self.keepsOthersContent(root.read("releases/2.5.0.yaml"), 2))
        #expect(release.checklist["code-freeze"]?.done == true)

        // Changed before every attempt: refused, naming the file, and the other writer's content stays.
        root = shopRoot()
        store = Store(root: root.path)
        store.settleTime = 0.01
        let busyPath = root.path + "/releases/2.5.0.yaml"
        store.faults.beforeVerify = { attempt in
            Self.rewrite(busyPath, 10 + attempt)
        }
        var failure: OperationError?
        do { _ = try Self.tick(store) } catch { failure = error }
        #expect(failure?.exitCode == 1)
        #expect(
            failure?.message == "releases/2.5.0.yaml: another program kept changing it while airlock was "
                + "writing it (4 attempts); nothing was changed, try again")
        #expect(root.read("releases/2.5.0.yaml") == Self.othersText(14))
        #expect(root.load().audit.isEmpty && leftovers(root.path) == [])
    }
}
