import AirlockCore
import AirlockDemo
import AirlockStore
import AirlockTUI
import ArgumentParser
import Foundation

@main
struct Airlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airlock",
        abstract: "A terminal dashboard for the road a release travels from development to production.",
        discussion: """
            The status root (default ./status, or --root DIR, or AIRLOCK_ROOT) holds airlock.yaml, \
            environments/, releases/, promotions/ and audit.jsonl. The actor is AIRLOCK_USER, else USER.
            """,
        version: AirlockVersion.string,
        subcommands: [
            Dashboard.self, Demo.self, Status.self, Check.self, Promote.self, Approve.self,
            ChecklistCommand.self, Rollback.self, Log.self, Sync.self,
        ],
        defaultSubcommand: Dashboard.self
    )

    static let commandNames = [
        "dashboard", "demo", "status", "check", "promote", "approve", "checklist", "rollback", "log", "sync", "help",
    ]

    /// Lets common options come before the command, as with git (`airlock --root DIR status`), and names an
    /// unknown command as such instead of as a stray argument of the default command.
    static func arrange(_ args: [String]) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--root" || a == "--theme" || a == "--lock-timeout" {
                leading.append(a)
                if i + 1 < args.count { leading.append(args[i + 1]) }
                i += 2
            } else if a.hasPrefix("--root=") || a.hasPrefix("--theme=") || a.hasPrefix("--lock-timeout=") {
                leading.append(a)
                i += 1
            } else {
                break
            }
        }
        guard i < args.count else { return args }
        let word = args[i]
        if word.hasPrefix("-") { return args }
        guard commandNames.contains(word) else {
            fail(
                "unknown command \"\(Sanitize.line(word))\" (commands: \(commandNames.dropLast().joined(separator: ", ")); see airlock --help)",
                code: 2)
        }
        return [word] + leading + Array(args[(i + 1)...])
    }

    static func main() {
        do {
            var command = try parseAsRoot(arrange(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            // ArgumentParser's own words (help, usage errors echoing an argument) go through the same writer as ours.
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .validationFailure {
                // Usage errors are bad input: exit 2, as every other bad input.
                Console.err(message)
                Console.exit(2)
            }
            if !message.isEmpty {
                if code == .success { Console.out(message) } else { Console.err(message) }
            }
            Console.exit(code.rawValue)
        }
        Console.exit(0)
    }
}

enum AirlockVersion {
    static let string = "0.1.0"
}

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The status root.", valueName: "DIR"))
    var root: String?

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
    func resolveRoot() throws -> String {
        let env = ProcessInfo.processInfo.environment
        let candidate = root ?? env["AIRLOCK_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? "status"
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), isDir.boolValue else {
            if root == nil && env["AIRLOCK_ROOT"] == nil {
                fail("no status root: ./status does not exist (use --root DIR or set AIRLOCK_ROOT)", code: 2)
            }
            fail("status root \(candidate): no such folder", code: 2)
        }
        return URL(fileURLWithPath: candidate).standardizedFileURL.path
    }
}

/// Prints one line to stderr and exits.
func fail(_ message: String, code: Int32) -> Never {
    // One line whatever the message holds (a value with a newline must not forge a second line).
    Console.err(Sanitize.line("airlock: " + message))
    Console.exit(code)
}

/// One line on stderr: a newline inside the message (from a value) becomes a space.
func printErr(_ message: String) {
    Console.err(Sanitize.line(message))
}

/// Every `print` of the command line goes through the sanitizing writer (which also notices a failed write):
/// this shadows the standard library's for the whole module.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Console.plain(items.map { "\($0)" }.joined(separator: separator) + terminator)
}

/// Runs a store operation with the SPEC's exit codes and the hook afterwards.
func perform(_ store: Store, _ op: (Store) throws(OperationError) -> OperationResult) {
    let root = store.root
    do {
        let result = try op(store)
        Console.recordedChange = result.changed
        Console.out(result.message)
        if let warning = result.warning { printErr("airlock: warning: \(warning)") }
        if let hook = result.hook {
            // A signal now stops the hook's process group before the command ends (it is not in our group, so
            // the terminal's Ctrl-C does not reach it).
            StopSignals.catchThem()
            let control = ProcessControl(stopWhen: { StopSignals.caught != 0 })
            Console.flush()
            if let failure = HookRunner.run(hook, root: root, control: control) {
                let why = StopSignals.caught != 0 ? " on \(StopSignals.name(StopSignals.caught))" : ""
                fail("\(failure)\(why) (the request is recorded)", code: 3)
            }
        }
    } catch {
        printErr("airlock: " + error.message)
        for b in error.blockers { printErr("  blocked: \(b)") }
        Console.exit(error.exitCode)
    }
}

struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The dashboard on the status root (the default command).")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let root = try common.resolveRoot()
        let code = DashboardApp.run(root: root, theme: common.theme, demo: nil)
        if code != 0 { throw ExitCode(code) }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Copy the bundled demo root to a temporary folder, keep it changing like a live pipeline, and open the dashboard on it."
    )
    @Option(name: .long, help: ArgumentHelp("A theme name or a theme file.", valueName: "NAME|PATH"))
    var theme: String?
    @Flag(name: .long, help: "Only create the demo root and print its path.")
    var printRoot = false

    func run() throws {
        if !printRoot && (isatty(0) == 0 || isatty(1) == 0) {
            fail("the dashboard needs a terminal (airlock demo --print-root only creates the demo root)", code: 2)
        }
        let root: String
        do {
            root = try DemoRoot.create()
        } catch {
            fail("cannot create the demo root: \(error)", code: 1)
        }
        if printRoot {
            print(root)
            return
        }
        let code = DashboardApp.run(root: root, theme: theme, demo: DemoSimulator(root: root))
        // The demo's folder is scratch: it goes when the demo ends (--print-root is the way to keep one).
        try? FileManager.default.removeItem(atPath: root)
        if code != 0 { throw ExitCode(code) }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One snapshot: environments, pending promotions, problems. Exit 1 when the root has problems.")
    @OptionGroup var common: CommonOptions
    @Flag(name: .long, help: "Print JSON (SPEC section 3).")
    var json = false

    func run() throws {
        let root = try common.resolveRoot()
        let snap = RootLoader(root: root).load()
        let now = Date()
        if json {
            Console.data(Report.status(snap, now: now).serialized(indent: 2))
        } else {
            Console.out(StatusTable.render(snap, now: now))
        }
        if !snap.problems.isEmpty { throw ExitCode(1) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the root: one PATH:LINE: message per problem. Exit 1 on problems.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let root = try common.resolveRoot()
        let loader = RootLoader(root: root)
        loader.checksWholeAuditLog = true
        let snap = loader.load()
        for p in snap.problems { Console.out(Sanitize.line(p.description)) }
        if snap.problems.isEmpty {
            let envs = snap.pipeline?.environments.count ?? 0
            Console.out("ok: \(envs) environments, \(snap.releases.count) releases, no problems")
        } else {
            printErr("\(snap.problems.count) problem\(snap.problems.count == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }
}

struct Promote: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Request a promotion of VERSION into an environment.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The release to promote.") var version: String
    @Option(name: .long, help: ArgumentHelp("The environment to promote into.", valueName: "ENV")) var to: String
    @Flag(name: .long, help: "Confirm a promotion into a protected environment.") var yes = false
    @Option(name: .long, help: ArgumentHelp("Why (recorded in the request and the audit log).", valueName: "TEXT"))
    var reason: String?

    func run() throws {
        let root = try common.resolveRoot()
        let actor = Identity.actor()
        perform(common.store(root)) { (s: Store) throws(OperationError) -> OperationResult in
            try s.promote(version: version, to: to, actor: actor, confirmed: yes, reason: reason)
        }
    }
}

struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record your approval of VERSION for an environment.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The release to approve.") var version: String
    @Option(name: .long, help: ArgumentHelp("The environment the approval is for.", valueName: "ENV")) var env: String

    func run() throws {
        let root = try common.resolveRoot()
        let actor = Identity.actor()
        perform(common.store(root)) { (s: Store) throws(OperationError) -> OperationResult in
            try s.approve(version: version, environment: env, actor: actor)
        }
    }
}

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist", abstract: "Show or change a release's checklist.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The release.") var version: String
    @Option(name: .long, help: ArgumentHelp("Tick an item.", valueName: "ID")) var done: String?
    @Option(name: .long, help: ArgumentHelp("Untick an item.", valueName: "ID")) var undo: String?
    @Option(name: .long, help: ArgumentHelp("A note for the item ticked or unticked.", valueName: "TEXT")) var note:
        String?

    func validate() throws {
        if done != nil && undo != nil { throw ValidationError("use --done or --undo, not both") }
        if note != nil && done == nil && undo == nil {
            throw ValidationError("--note goes with --done ID or --undo ID")
        }
    }

    func run() throws {
        let root = try common.resolveRoot()
        let actor = Identity.actor()
        if let item = done ?? undo {
            perform(common.store(root)) { (s: Store) throws(OperationError) -> OperationResult in
                try s.setChecklistItem(version: version, item: item, done: done != nil, note: note, actor: actor)
            }
            return
        }
        guard Names.isValidVersion(version) else {
            fail("\"\(Sanitize.line(version))\" is not a valid version", code: 2)
        }
        let snap = RootLoader(root: root).load()
        guard let pipeline = snap.pipeline else { fail("airlock.yaml: cannot be read (run airlock check)", code: 2) }
        guard let release = snap.releases[version] else {
            if let p = snap.problems.first(where: { $0.path == "releases/\(version).yaml" }) {
                fail(p.description, code: 2)
            }
            fail("no release \(version): releases/\(version).yaml does not exist", code: 2)
        }
        Console.out(StatusTable.checklist(release, pipeline: pipeline))
    }
}

struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Request a rollback of an environment to the version it ran before (or --to VERSION).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The environment to roll back.") var environment: String
    @Option(name: .long, help: ArgumentHelp("The version to roll back to.", valueName: "VERSION")) var to: String?
    @Flag(name: .long, help: "Confirm a rollback of a protected environment.") var yes = false
    @Option(name: .long, help: ArgumentHelp("Why (recorded in the request and the audit log).", valueName: "TEXT"))
    var reason: String?

    func run() throws {
        let root = try common.resolveRoot()
        let actor = Identity.actor()
        perform(common.store(root)) { (s: Store) throws(OperationError) -> OperationResult in
            try s.rollback(environment: environment, to: to, actor: actor, confirmed: yes, reason: reason)
        }
    }
}

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The audit log, newest first.")
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: ArgumentHelp("Only entries for this environment.", valueName: "ENV")) var env: String?
    @Flag(name: .long, help: "One JSON object a line.") var json = false

    func run() throws {
        let root = try common.resolveRoot()
        if let env, let pipeline = RootLoader(root: root).load().pipeline, pipeline.environment(named: env) == nil {
            fail("unknown environment \"\(Sanitize.line(env))\"", code: 2)
        }
        // Streamed from the end backwards: memory stays the same however long the log is. Output goes through the
        // one writer (sanitized, buffered); once a write has failed, reading stops and the command fails.
        let (problems, readable) = AuditScan.newestFirst(root: root) { e in
            guard env == nil || e.environment == env else { return true }
            if json { Console.data(AuditLog.json(e).serialized()) } else { Console.out(StatusTable.logLine(e)) }
            return !Console.hasFailed
        }
        if Console.hasFailed { Console.exit(1) }
        for p in problems { printErr("airlock: \(Sanitize.line(p.description))") }
        if !readable { throw ExitCode(1) }
    }
}

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "With sync.git: fetch and rebase now.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let root = try common.resolveRoot()
        do {
            Console.out(try common.store(root).sync())
        } catch {
            fail(error.message, code: 1)
        }
    }
}
