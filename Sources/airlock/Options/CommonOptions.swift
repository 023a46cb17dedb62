// The options every command takes (--root, --pipeline, --theme, --lock-timeout) and what they resolve to.
import AirlockStore
import ArgumentParser
import Foundation

struct CommonOptions: ParsableArguments {
    /// The long names of the options below (all take a value): they may come before the command, see
    /// LeadingOptions. An option added here is added to this list.
    static let valueOptionNames = ["root", "pipeline", "theme", "lock-timeout"]

    @Option(name: .long, help: ArgumentHelp("The status root.", valueName: "DIR"))
    var root: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "On a fleet root, the pipeline to act on (its pipeline: name; also AIRLOCK_PIPELINE).", valueName: "NAME"))
    var pipeline: String?

    @Option(name: .long, help: ArgumentHelp("A theme name or a theme file.", valueName: "NAME|PATH"))
    var theme: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How long to wait for another command's lock on the root.",
            valueName: "SECONDS"))
    var lockTimeout: Double = 30

    /// The store on `root`, waiting for the lock as long as --lock-timeout says and saying who holds it.
    func store(_ root: String) -> Store {
        var store = Store(root: root)
        store.lockTimeout = max(0, lockTimeout)
        store.onLockWait = { printErr("airlock: " + Sanitize.line($0)) }
        return store
    }

    /// The root folder: --root, else AIRLOCK_ROOT, else ./status.
    func resolveRoot() throws(CommandFailure) -> String {
        let env = ProcessInfo.processInfo.environment
        let candidate = root ?? env["AIRLOCK_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? "status"
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), isDir.boolValue else {
            if root == nil && env["AIRLOCK_ROOT"] == nil {
                throw CommandFailure(
                    "no status root: ./status does not exist (use --root DIR or set AIRLOCK_ROOT)",
                    code: CommandFailure.badInput)
            }
            throw CommandFailure("status root \(candidate): no such folder", code: CommandFailure.badInput)
        }
        return URL(fileURLWithPath: candidate).standardizedFileURL.path
    }
}
