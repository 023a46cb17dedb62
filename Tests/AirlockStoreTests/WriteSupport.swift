import Foundation

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

/// Every entry below `path`, links not followed: its kind, and the bytes of a regular file or a link's target.
/// Reads nothing that could block (FIFOs, devices and sockets are recorded by kind only).
func treeState(_ path: String, skipping: Set<String> = [".airlock.lock"]) -> [String: String] {
    var out: [String: String] = [:]
    func walk(_ rel: String) {
        let full = rel.isEmpty ? path : path + "/" + rel
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
        for name in names {
            let childRel = rel.isEmpty ? name : rel + "/" + name
            if skipping.contains(childRel) { continue }
            var st = stat()
            guard lstat(path + "/" + childRel, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                out[childRel] = "dir"
                walk(childRel)
            case S_IFREG:
                let bytes = FileManager.default.contents(atPath: path + "/" + childRel) ?? Data()
                out[childRel] = "file " + bytes.base64EncodedString()
            case S_IFLNK:
                let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path + "/" + childRel)
                out[childRel] = "link " + (target ?? "?")
            default:
                out[childRel] = "special \(st.st_mode & S_IFMT)"
            }
        }
    }
    walk("")
    return out
}

/// True when `s` holds no C0 or C1 control character other than newline and tab.
func isPrintable(_ s: String) -> Bool {
    s.unicodeScalars.allSatisfy { u in
        let v = u.value
        return v == 0x0A || v == 0x09 || !(v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v))
    }
}

/// Output gathered from a child's pipes on other threads.
final class PipeText: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock()
                data.append(chunk)
                lock.unlock()
            }
            done.signal()
        }
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits for the end of the stream (at most `seconds`).
    func finish(within seconds: TimeInterval) { _ = done.wait(timeout: .now() + seconds) }

    /// Waits until the text so far contains `needle`; false when `seconds` pass first.
    func wait(for needle: String, within seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.contains(needle) { return true }
            usleep(10_000)
        }
        return text.contains(needle)
    }
}

struct BoundedRun {
    var code: Int32
    var out: String
    var err: String
    var seconds: TimeInterval
    var timedOut: Bool
}

/// Starts the binary on `root`; its output is gathered as it comes.
func launch(_ args: [String], root: String, user: String = "alice") throws -> (Process, out: PipeText, err: PipeText) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: airlockBinary())
    p.arguments = args + ["--root", root]
    var env = ProcessInfo.processInfo.environment
    env["AIRLOCK_USER"] = user
    env["AIRLOCK_ROOT"] = nil
    p.environment = env
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    return (p, PipeText(out), PipeText(err))
}

/// Runs the binary and kills it if it is still running after `deadline` seconds.
func runBounded(_ args: [String], root: String, user: String = "alice", deadline: TimeInterval = 20) -> BoundedRun {
    let start = Date()
    guard let (p, out, err) = try? launch(args, root: root, user: user) else {
        return BoundedRun(code: -1, out: "", err: "cannot start", seconds: 0, timedOut: false)
    }
    var timedOut = false
    while p.isRunning {
        if Date().timeIntervalSince(start) > deadline {
            timedOut = true
            kill(p.processIdentifier, SIGKILL)
            break
        }
        usleep(5_000)
    }
    p.waitUntilExit()
    out.finish(within: 5)
    err.finish(within: 5)
    return BoundedRun(
        code: p.terminationStatus, out: out.text, err: err.text,
        seconds: Date().timeIntervalSince(start), timedOut: timedOut)
}

/// Runs a shell command line; true when it exits 0.
@discardableResult
func sh(_ command: String, in dir: String? = nil) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    if let dir { p.currentDirectoryURL = URL(fileURLWithPath: dir) }
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
}

/// Runs a shell command line and returns its standard output.
func shOutput(_ command: String, in dir: String) -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return "" }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Temporary files a write left behind in the root.
func leftovers(_ root: String) -> [String] {
    treeState(root).keys.filter { $0.contains(".tmp.") }.sorted()
}

/// The hostile write tests' fixtures: commands that write, another program's edits, a lock held from here.
extension HostileWriteTests {
    /// Commands that write: an edit of an existing release, a new promotion file, a replaced promotion file.
    static let writes: [(args: [String], existingRequest: Bool)] = [
        (["approve", "2.4.0", "--env", "production"], false),
        (["promote", "2.4.1", "--to", "staging"], false),
        (["promote", "2.4.1", "--to", "staging"], true),
    ]

    static func call(_ store: Store, _ args: [String]) throws(OperationError) -> OperationResult {
        args[0] == "approve"
            ? try store.approve(version: args[1], environment: args[3], actor: "alice")
            : try store.promote(version: args[1], to: args[3], actor: "alice", confirmed: true)
    }

    /// The release as another program (an editor, `cat >` in CI) writes it: approvals and items at the end.
    static func othersText(_ n: Int) -> String {
        "version: 2.5.0\nnotes: edited by hand \(n)\nchecklist:\n  feature-complete: true\n  code-freeze: false\n"
            + "approvals:\n  - {by: alice, environment: production}\n  - {by: bob, environment: production}\n"
    }

    static func keepsOthersContent(_ text: String?, _ n: Int) -> Bool {
        guard let text else { return false }
        return text.contains("notes: edited by hand \(n)") && text.contains("feature-complete: true")
            && text.contains("{by: alice, environment: production}")
            && text.contains("{by: bob, environment: production}")
    }

    /// Rewrites the release the way another program does, without the lock.
    static func rewrite(_ path: String, _ n: Int) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(othersText(n).utf8))
    }

    static func tick(_ store: Store) throws(OperationError) -> OperationResult {
        try store.setChecklistItem(version: "2.5.0", item: "code-freeze", done: true, note: nil, actor: "carol")
    }

    /// Holds the root's lock from this process (as alice, ticking an item) until `release` is signalled.
    static func holdLock(_ root: String)
        -> (inside: DispatchSemaphore, release: DispatchSemaphore, done: DispatchSemaphore)
    {
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        var holder = Store(root: root)
        holder.faults.beforeVerify = { _ in
            inside.signal()
            release.wait()
        }
        let store = holder
        Thread.detachNewThread {
            _ = try? store.setChecklistItem(
                version: "2.5.0", item: "feature-complete", done: true, note: nil,
                actor: "alice")
            done.signal()
        }
        return (inside, release, done)
    }
}
