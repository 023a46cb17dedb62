// A status root in a temporary folder that goes with its object, and the small pipeline most tests start from.
import AirlockCore
import AirlockStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A status root in a fresh temporary folder.
public final class TempRoot {
    public let path: String

    public init(_ files: [String: String] = [:]) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-test-\(UUID().uuidString)")
        path = base.path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (rel, text) in files { write(rel, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func write(_ rel: String, _ text: String) {
        writeBytes(rel, Array(text.utf8))
    }

    public func writeBytes(_ rel: String, _ bytes: [UInt8]) {
        let url = URL(fileURLWithPath: path + "/" + rel)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        writeClosingOnExec(bytes, to: url.path)
    }

    public func read(_ rel: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + rel).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Every file below the root (except the lock) with its bytes: to prove a refusal changed nothing.
    public func fingerprint() -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: path)
        while let rel = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + rel, isDirectory: &isDir)
            if !isDir.boolValue && rel != ".airlock.lock" {
                out[rel] = FileManager.default.contents(atPath: path + "/" + rel)
            }
        }
        return out
    }

    public func load() -> Snapshot { RootLoader(root: path).load() }
}

// Read afresh at each use: a fixture made minutes into a long (sanitized, loaded) run must still be recent then.
public var now: Date { Date() }
public var recent: String { TimeFormat.formatTimestamp(now.addingTimeInterval(-30)) }
public var longAgo: String { TimeFormat.formatTimestamp(now.addingTimeInterval(-3 * 86400)) }

/// A small pipeline like the SPEC's, with staging ready to go to production once approved.
public func shopRoot() -> TempRoot {
    TempRoot([
        "airlock.yaml": """
        pipeline: shop
        environments:
          - name: development
          - name: qa
          - name: staging
            gates: [code-freeze]
          - name: production
            protected: true
            approvers: [alice, bob, carol]
            required_approvals: 2
            gates: [tests-passed, approval]
        """,
        "environments/development.yaml": "version: 2.5.0\nupdated_at: \(recent)\nhealth: healthy\n",
        "environments/qa.yaml": "version: 2.4.1\nupdated_at: \(recent)\nhealth: healthy\n",
        "environments/staging.yaml":
            "version: 2.4.0\nupdated_at: \(recent)\ndeployed_at: \(longAgo)\nhealth: healthy\n",
        "environments/production.yaml": "version: 2.3.0\nupdated_at: \(recent)\nhealth: healthy\n",
        "releases/2.3.0.yaml": "version: 2.3.0\n",
        "releases/2.4.0.yaml":
            "version: 2.4.0\nnotes: gateway\nowner: payments-team   # unknown keys are kept\n"
            + "checklist:\n  tests-passed: true\n",
        "releases/2.4.1.yaml": "version: 2.4.1\nchecklist:\n  code-freeze: {done: true, by: bob}\n",
        "releases/2.5.0.yaml": "version: 2.5.0\n",
    ])
}

/// Waits until `root`'s file `rel` holds `count` lines (at most `seconds`); its lines then.
public func lines(_ root: TempRoot, _ rel: String, count: Int, within seconds: TimeInterval = 20) -> [String] {
    let deadline = Date().addingTimeInterval(seconds)
    var got: [String] = []
    repeat {
        got = (root.read(rel) ?? "").split(separator: "\n").map(String.init)
        if got.count >= count { break }
        usleep(10_000)
    } while Date() < deadline
    return got
}
