// What the install tests share: running scripts/install.sh (and any program) to its end, and a temporary prefix.
import AirlockTestSupport
import Foundation

/// A program's exit code (-1: it did not end within its time) and what it said.
struct ProgramResult {
    var code: Int32
    var out: String
    var err: String
}

enum InstallFixtures {
    /// Runs `argv` (argv[0] a path) to its end, killed after `limit` seconds; the environment is this process's
    /// with `env` laid over it (a nil value removes the variable).
    static func runProgram(_ argv: [String], env: [String: String?] = [:], limit: TimeInterval = 600)
        -> ProgramResult
    {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in env { environment[key] = value }
        guard let (p, out, err) = try? launchProgram(argv, environment: environment) else {
            return ProgramResult(code: -1, out: "", err: "cannot start \(argv.first ?? "")")
        }
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            p.waitUntilExit()
            done.signal()
        }
        let finished = done.wait(timeout: .now() + limit) == .success
        if !finished { p.terminate() }
        out.finish(within: 10)
        err.finish(within: 10)
        return ProgramResult(code: finished ? p.terminationStatus : -1, out: out.text, err: err.text)
    }

    /// `bash scripts/install.sh ARGS`, installing the binary the tests run (no release build).
    static func install(_ args: [String], env: [String: String?] = [:], limit: TimeInterval = 900) -> ProgramResult {
        runProgram(
            ["/bin/bash", repositoryRoot() + "/scripts/install.sh", "--binary", airlockBinary()] + args, env: env,
            limit: limit)
    }

    /// `bash scripts/install.sh --uninstall PREFIX`.
    static func uninstall(_ prefix: String) -> ProgramResult {
        runProgram(["/bin/bash", repositoryRoot() + "/scripts/install.sh", "--uninstall", prefix], limit: 120)
    }

    /// A shell's path when it is installed (bash, zsh, fish, man...), else nil.
    static func which(_ name: String) -> String? {
        for dir in ["/usr/bin", "/bin", "/usr/local/bin"]
        where FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
            return dir + "/" + name
        }
        return nil
    }

    /// The files an install puts under its prefix.
    static let installed = [
        "bin/airlock", "share/man/man1/airlock.1", "share/bash-completion/completions/airlock",
        "share/zsh/site-functions/_airlock", "share/fish/vendor_completions.d/airlock.fish",
        "share/airlock/install-manifest",
    ]
}

/// An empty temporary folder to install into, removed with its object.
final class TempPrefix {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-prefix-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Folders a test made read-only are opened again first.
        _ = sh("chmod -R u+w '\(path)' 2>/dev/null")
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ rel: String, _ text: String) {
        let full = path + "/" + rel
        try? FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func read(_ rel: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + rel).map { String(decoding: $0, as: UTF8.self) }
    }
}
