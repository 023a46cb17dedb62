// A long audit log, an audit log with hostile lines, and rollbacks that read what the log recorded.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

/// A seeded audit log of about `mebibytes` MiB, written quickly: lines picked from a few hundred variants.
func writeLargeAuditLog(to path: String, mebibytes: Int, seed: UInt64) {
    print("writeLargeAuditLog seed: \(seed)")
    var rng = seed
    func next() -> UInt64 {
        rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return rng >> 33
    }
    let envs = ["development", "qa", "staging"]
    let actors = ["alice", "bob", "carol", "ci", "dave"]
    var variants: [[UInt8]] = []
    for i in 0..<300 {
        let env = envs[Int(next() % 3)]
        let actor = actors[Int(next() % 5)]
        let head = #"{"at":"2025-0\#(1 + i % 9)-1\#(i % 10)T10:00:00Z","actor":"\#(actor)","#
        let line: String
        switch i % 3 {
        case 0:
            line = head + #""action":"approve","version":"1.\#(i).0","environment":"\#(env)"}"#
        case 1:
            line = head + #""action":"check","version":"1.\#(i).0","environment":"\#(env)","item":"code-freeze"}"#
        default:
            line =
                head + #""action":"promote","version":"1.\#(i).0","environment":"\#(env)","from":"x","#
                + #""previous":"1.\#(i - 1).0"}"#
        }
        variants.append(Array((line + "\n").utf8))
    }
    guard
        let fh = FileHandle(forWritingAtPath: path)
            ?? {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
                return FileHandle(forWritingAtPath: path)
            }()
    else { return }
    defer { try? fh.close() }
    var written = 0
    var chunk: [UInt8] = []
    chunk.reserveCapacity(1 << 20)
    while written < mebibytes << 20 {
        chunk += variants[Int(next() % UInt64(variants.count))]
        if chunk.count >= 1 << 20 {
            fh.write(Data(chunk))
            written += chunk.count
            chunk.removeAll(keepingCapacity: true)
        }
    }
    fh.write(Data(chunk))
}

/// A root with production frozen and needing two approvals, and a log of what production ran.
func frozenProductionRoot() -> TempRoot {
    let root = shopRoot()
    root.write(
        "airlock.yaml",
        root.read("airlock.yaml")! + """

            freezes:
              - environments: [production]
                from: 2020-01-01T00:00:00Z
                until: 2099-01-01T00:00:00Z
                reason: holiday freeze
            """)
    root.write("releases/2.5.0-rc.1.yaml", "version: 2.5.0-rc.1\n")
    root.write("releases/2.1.0.yaml", "version: 2.1.0\n")
    root.write("releases/2.2.0.yaml", "version: 2.2.0\n")
    root.write("environments/development.yaml", "version: 2.5.0-rc.1\nupdated_at: \(recent)\nhealth: healthy\n")
    let moved = #"{"at":"2026-10-01T10:00:00Z","actor":"alice","action":"promote","environment":"production","#
    root.write(
        "audit.jsonl",
        moved + #""version":"2.2.0","previous":"2.1.3"}"# + "\n"
            + moved + #""version":"2.3.0","previous":"2.2.0"}"# + "\n")
    return root
}

@Suite("Hostile input: audit log") struct HostileAuditTests {
    @Test func aHugeLogKeepsStatusAndWritesBoundedInMemory() throws {
        let container = FileManager.default.temporaryDirectory
            .appendingPathComponent("airlock-huge-\(UUID().uuidString)").path
        let rootPath = container + "/root"
        try FileManager.default.createDirectory(atPath: rootPath, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: container) }
        let small = shopRoot()
        for (rel, data) in small.fingerprint() {
            let folder = (rootPath + "/" + rel as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: rootPath + "/" + rel, contents: data)
        }
        _ = FileManager.default.createFile(atPath: rootPath + "/audit.jsonl", contents: Data())
        let baseline = run(["status"], root: rootPath, limit: 60)
        #expect(baseline.code == 0, "\(baseline.err)")
        writeLargeAuditLog(to: rootPath + "/audit.jsonl", mebibytes: 50, seed: 9)
        let size = try FileManager.default.attributesOfItem(atPath: rootPath + "/audit.jsonl")[.size] as? Int ?? 0
        #expect(size >= 50 << 20)
        let status = run(["status"], root: rootPath, limit: 60)
        #expect(!status.timedOut && status.code == 0, "\(status.err)")
        #expect(
            status.maxRSSMiB < baseline.maxRSSMiB + 20,
            "status read the whole log: \(status.maxRSSMiB) MiB, \(baseline.maxRSSMiB) MiB with an empty log")
        // A write (lock, fresh read, rules, audit line) stays bounded too, and its line lands at the end.
        let write = run(["checklist", "2.4.1", "--done", "tests-passed"], root: rootPath, limit: 60)
        #expect(!write.timedOut && write.code == 0, "\(write.err)")
        #expect(write.maxRSSMiB < baseline.maxRSSMiB + 20, "the write read the whole log: \(write.maxRSSMiB) MiB")
        let last = RootLoader(root: rootPath).load().audit.last
        #expect(last?.action == .check && last?.item == "tests-passed")
        for r in [status, write] { #expect(isPrintable(r.out + r.err)) }
        let outside = try FileManager.default.contentsOfDirectory(atPath: container)
        #expect(outside == ["root"], "nothing written beside the root: \(outside)")
    }

    @Test func aFIFOAsTheAuditLogNeverHangsAReader() throws {
        let root = shopRoot()
        #expect(mkfifo(root.path + "/audit.jsonl", 0o644) == 0)
        let before = root.fingerprint()
        for args in [["status"], ["log"], ["log", "--json"], ["check"]] {
            let r = run(args, root: root.path, limit: 15)
            #expect(!r.timedOut, "\(args) hung on a FIFO")
            #expect(r.code == 1, "\(args): exit \(r.code)")
            #expect((r.out + r.err).contains("audit.jsonl: not a regular file"), "\(args): \(r.out) \(r.err)")
            #expect(isPrintable(r.out + r.err))
        }
        #expect(root.fingerprint() == before)
    }

    @Test func aLineTooLongOrBrokenIsNamedWithoutHoldingIt() throws {
        let root = shopRoot()
        let good =
            #"{"at":"2026-11-01T10:00:00Z","actor":"bob","action":"approve","version":"2.4.0","#
            + #""environment":"production"}"#
        let long = "{\"x\":\"" + String(repeating: "a", count: 3 << 20) + "\"}"
        root.write("audit.jsonl", good + "\n" + long + "\n" + "\u{1B}]0;pwned\u{07}\n" + good + "\n")
        let before = root.fingerprint()
        let check = run(["check"], root: root.path, limit: 30)
        #expect(check.code == 1)
        #expect(check.out.contains("audit.jsonl:2: line longer than 1 MiB"), "\(check.out)")
        #expect(check.out.contains("audit.jsonl:3: not a JSON object"), "\(check.out)")
        let log = run(["log"], root: root.path, limit: 30)
        #expect(log.out.split(separator: "\n").count == 2, "both good lines, newest first: \(log.out)")
        #expect(log.err.contains("audit.jsonl:2: line longer than 1 MiB"), "\(log.err)")
        for r in [check, log] { #expect(isPrintable(r.out + r.err)) }
        #expect(root.fingerprint() == before)
    }

    @Test func aLogThatCannotBeWrittenOutFails() throws {
        let root = frozenProductionRoot()
        let full = run(["log"], root: root.path, limit: 30, stdout: "/dev/full")
        #expect(
            full.code == 1 && full.err == "airlock: cannot write to standard output: No space left on device\n",
            "\(full.err)")
    }

    @Test func rollbackCannotMoveAnRCIntoFrozenProduction() throws {
        let root = frozenProductionRoot()
        let before = root.fingerprint()
        // The issue's case: an rc that never reached qa, a freeze, 0 of 2 approvals.
        let rc = run(["rollback", "production", "--to", "2.5.0-rc.1", "--yes"], root: root.path, limit: 30)
        #expect(rc.code == 1, "exit \(rc.code): \(rc.err)")
        #expect(rc.err.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("use promote"), "\(rc.err)")
        #expect(root.fingerprint() == before, "a refused rollback changed a file")
        // Older, but production never ran it according to the log.
        let never = run(["rollback", "production", "--to", "2.1.0", "--yes"], root: root.path, limit: 30)
        #expect(never.code == 1 && never.err.contains("does not record production running 2.1.0"), "\(never.err)")
        #expect(root.fingerprint() == before)
        for r in [rc, never] { #expect(isPrintable(r.out + r.err)) }
        // What it ran before is still a rollback, freeze or not.
        let back = run(["rollback", "production", "--yes"], root: root.path, limit: 30)
        #expect(back.code == 0, "\(back.err)")
        #expect(root.load().promotions["production"]?.version == "2.2.0")
    }
}
