import Foundation

@testable import AirlockCore
@testable import AirlockStore

/// A status root in a fresh temporary folder.
final class TempRoot {
    let path: String

    init(_ files: [String: String] = [:]) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-test-\(UUID().uuidString)")
        path = base.path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (rel, text) in files { write(rel, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ rel: String, _ text: String) {
        writeBytes(rel, Array(text.utf8))
    }

    func writeBytes(_ rel: String, _ bytes: [UInt8]) {
        let url = URL(fileURLWithPath: path + "/" + rel)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    }

    func read(_ rel: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + rel).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Every file below the root (except the lock) with its bytes: to prove a refusal changed nothing.
    func fingerprint() -> [String: Data] {
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

    func load() -> Snapshot { RootLoader(root: path).load() }
}

let now = Date()
let recent = TimeFormat.formatTimestamp(now.addingTimeInterval(-30))
let longAgo = TimeFormat.formatTimestamp(now.addingTimeInterval(-3 * 86400))

/// A small pipeline like the SPEC's, with staging ready to go to production once approved.
func shopRoot() -> TempRoot {
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
            "version: 2.4.0\nnotes: gateway\nowner: payments-team   # unknown keys are kept\nchecklist:\n  tests-passed: true\n",
        "releases/2.4.1.yaml": "version: 2.4.1\nchecklist:\n  code-freeze: {done: true, by: bob}\n",
        "releases/2.5.0.yaml": "version: 2.5.0\n",
    ])
}

/// The built `airlock` binary beside the test bundle.
func airlockBinary() -> String {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("airlock").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return source.appendingPathComponent(".build/debug/airlock").path
}

struct RunResult {
    var code: Int32
    var out: String
    var err: String
}

/// Starts the binary without waiting; its stderr can be read from the pipe.
func start(_ args: [String], root: String, user: String) throws -> (process: Process, stderr: Pipe) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: airlockBinary())
    p.arguments = args + ["--root", root]
    var env = ProcessInfo.processInfo.environment
    env["AIRLOCK_USER"] = user
    env["AIRLOCK_ROOT"] = nil
    p.environment = env
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    return (p, err)
}

/// Runs the binary and waits for it.
func run(_ args: [String], root: String? = nil, user: String = "alice", extraEnv: [String: String] = [:]) -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: airlockBinary())
    p.arguments = args + (root.map { ["--root", $0] } ?? [])
    var env = ProcessInfo.processInfo.environment
    env["AIRLOCK_USER"] = user
    env["AIRLOCK_ROOT"] = nil
    for (k, v) in extraEnv { env[k] = v }
    p.environment = env
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    do { try p.run() } catch { return RunResult(code: -1, out: "", err: "\(error)") }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(
        code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
}
