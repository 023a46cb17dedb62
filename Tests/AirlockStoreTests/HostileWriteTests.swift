import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AirlockCore
@testable import AirlockStore

/// Bad input on the write path: each test asserts the exit code, a byte-identical root after a refusal, nothing
/// written outside the root, no control characters on any stream and a time limit.
@Suite("Hostile input: writes") struct HostileWriteTests {
    /// Commands that write: an edit of an existing release, a new promotion file, a replaced promotion file.
    static let writes: [(args: [String], existingRequest: Bool)] = [
        (["approve", "2.4.0", "--env", "production"], false),
        (["promote", "2.4.1", "--to", "staging"], false),
        (["promote", "2.4.1", "--to", "staging"], true),
    ]

    static func call(_ store: Store, _ args: [String]) throws(OperationError) -> OperationResult {
        args[0] == "approve" ? try store.approve(version: args[1], environment: args[3], actor: "alice")
            : try store.promote(version: args[1], to: args[3], actor: "alice", confirmed: true)
    }

    @Test func aFailedAuditAppendLeavesEveryFileAsItWas() throws {
        // The disk fills between the change and its audit line (injected), for every kind of write.
        for (args, existingRequest) in Self.writes {
            let root = shopRoot()
            root.write("audit.jsonl", "")
            if existingRequest {
                root.write("promotions/staging.yaml", "version: 2.4.0\nfrom: qa\nkind: promotion\nrequested_by: bob\n"
                           + "requested_at: \(longAgo)\n")
            }
            let before = treeState(root.path)
            var store = Store(root: root.path)
            store.faults.beforeAppend = { ENOSPC }
            var failure: OperationError?
            do { _ = try Self.call(store, args) } catch { failure = error }
            #expect(failure?.exitCode == 1)
            #expect(failure?.message == "audit.jsonl: cannot append the audit line (No space left on device); nothing was changed")
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
        var r = runBounded(["approve", "2.4.0", "--env", "production"], root: root.path)
        #expect(r.code == 1 && r.err == "airlock: audit.jsonl: not a regular file\n", "\(r.err)")
        #expect(treeState(root.path) == before)
        try FileManager.default.removeItem(atPath: root.path + "/audit.jsonl")
        root.write("audit.jsonl", "")
        if sh("chattr +i '\(root.path)/audit.jsonl'") {
            defer { sh("chattr -i '\(root.path)/audit.jsonl'") }
            before = treeState(root.path)
            r = runBounded(["approve", "2.4.0", "--env", "production"], root: root.path)
            #expect(r.code == 1 && r.err.hasPrefix("airlock: audit.jsonl: cannot open for appending"), "\(r.err)")
            #expect(treeState(root.path) == before)
            #expect(isPrintable(r.err) && isPrintable(r.out))
        }
        #expect(leftovers(root.path) == [])
    }

    @Test func aFullDiskChangesNothing() throws {
        let source = shopRoot()
        let disk = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-disk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: disk) }
        // A small file system of its own, filled up; where tmpfs cannot be mounted, the injected fault stands in.
        guard sh("mount -t tmpfs -o size=256k tmpfs '\(disk)'") else {
            var store = Store(root: source.path)
            store.faults.beforeAppend = { ENOSPC }
            let before = treeState(source.path)
            #expect(throws: OperationError.self) { try store.approve(version: "2.4.0", environment: "production", actor: "alice") }
            #expect(treeState(source.path) == before)
            return
        }
        defer { sh("umount '\(disk)'") }
        let status = disk + "/status"
        for (rel, data) in source.fingerprint() {
            let url = URL(fileURLWithPath: status + "/" + rel)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: url.path, contents: data))
        }
        #expect(FileManager.default.createFile(atPath: status + "/audit.jsonl", contents: Data()))
        sh("dd if=/dev/zero of='\(disk)/filler' bs=4k 2>/dev/null")
        let before = treeState(status)
        let r = runBounded(["approve", "2.4.0", "--env", "production"], root: status)
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err.contains("No space left on device") || r.err.contains("no room"), "\(r.err)")
        #expect(r.err.contains("releases/2.4.0.yaml") || r.err.contains("audit.jsonl"), "the line names the file: \(r.err)")
        #expect(treeState(status) == before)
        #expect(leftovers(status) == [])
        // Room for the lock's record and the release file but not for the audit line: still nothing changes.
        #expect(sh("truncate -s -8192 '\(disk)/filler'"))
        let again = runBounded(["approve", "2.4.0", "--env", "production"], root: status)
        #expect(again.code == 1 && again.err.contains("audit.jsonl"), "\(again.err)")
        #expect(treeState(status) == before)
        // Room again: the same command goes through with its audit line.
        try FileManager.default.removeItem(atPath: disk + "/filler")
        #expect(runBounded(["approve", "2.4.0", "--env", "production"], root: status).code == 0)
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
            try FileManager.default.createDirectory(atPath: root.path + "/promotions", withIntermediateDirectories: true)
            let path = root.path + "/" + rel
            switch make {
            case "mkfifo": #expect(mkfifo(path, 0o644) == 0)
            case "mknod-null": #expect(mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)
            default: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            }
            let before = treeState(root.path, skipping: [])
            let r = runBounded(args, root: root.path, deadline: 15)
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
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-outside-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: outside + "/promotions", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        _ = FileManager.default.createFile(atPath: outside + "/audit.jsonl", contents: Data("{\"keep\": 1}\n".utf8))
        _ = FileManager.default.createFile(atPath: outside + "/2.5.0.yaml", contents: Data("version: 2.5.0\n".utf8))
        let tick = ["checklist", "2.5.0", "--done", "code-freeze"]
        let cases: [(rel: String, target: String, args: [String], line: String)] = [
            ("audit.jsonl", outside + "/audit.jsonl", tick, "audit.jsonl: is a symbolic link; airlock does not write through links"),
            ("audit.jsonl", outside + "/new.jsonl", tick, "audit.jsonl: is a symbolic link; airlock does not write through links"),
            (".airlock.lock", outside + "/lock", tick, ".airlock.lock: is a symbolic link; airlock does not write through links"),
            ("promotions", outside + "/promotions", ["promote", "2.4.1", "--to", "staging"],
             "promotions: leads outside the status root (to \(outside)/promotions); airlock writes only inside the root"),
            ("releases/2.5.0.yaml", outside + "/2.5.0.yaml", tick,
             "releases/2.5.0.yaml: is a symbolic link; airlock does not write through links"),
        ]
        for (rel, target, args, line) in cases {
            let root = shopRoot()
            if FileManager.default.fileExists(atPath: root.path + "/" + rel) { try FileManager.default.removeItem(atPath: root.path + "/" + rel) }
            try FileManager.default.createSymbolicLink(atPath: root.path + "/" + rel, withDestinationPath: target)
            let before = treeState(root.path, skipping: [])
            let outsideBefore = treeState(outside)
            let r = runBounded(args, root: root.path, deadline: 15)
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
        let r = runBounded(["promote", "2.4.1", "--to", "staging"], root: root.path)
        #expect(r.code == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: root.path + "/requests/staging.yaml"))
    }
}
