// `airlock report ENV`: what CI, CD and monitoring write about an environment (its version, health, checks...).
import AirlockCore
import AirlockStore
import ArgumentParser

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report what an environment runs: version, health, checks, services, flags, config.",
        discussion: """
            Every key the report is not told about is kept; updated_at is set to now, so a bare report is a \
            heartbeat. --json FILE|- gives an environment object merged over the file key by key first; the other \
            options apply on top of it.
            """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "The environment.") var environment: String
    @Option(name: .customLong("version"), help: ArgumentHelp("The release it runs.", valueName: "V"))
    var reportedVersion: String?
    @Option(name: .long, help: ArgumentHelp("healthy, degraded, down or unknown.", valueName: "H")) var health: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A check (passing, warning, failing, unknown); repeatable.", valueName: "NAME=STATUS[:DETAIL]"))
    var check: [String] = []
    @Flag(name: .long, help: "Drop the checks the file has before --check is merged.") var clearChecks = false
    @Option(name: .long, help: ArgumentHelp("A service; repeatable.", valueName: "NAME=VERSION[:HEALTH]"))
    var service: [String] = []
    @Option(name: .long, help: ArgumentHelp("A feature flag (true/false: a boolean); repeatable.", valueName: "K=V"))
    var flag: [String] = []
    @Option(name: .long, help: ArgumentHelp("A config value (a scalar); repeatable.", valueName: "K=V"))
    var config: [String] = []
    @Option(name: .long, help: ArgumentHelp("Database migrations applied.", valueName: "N")) var schema: String?
    @Option(name: .long, help: ArgumentHelp("Who reports (default: the actor).", valueName: "ID")) var by: String?
    @Option(
        name: .long,
        help: ArgumentHelp("When it was deployed (default: now, when the version changes).", valueName: "TIME"))
    var deployedAt: String?
    @Option(
        name: .long, help: ArgumentHelp("An environment object (JSON), from a file or - (stdin).", valueName: "FILE|-"))
    var json: String?

    func run() throws {
        let root = try common.resolvePipelineRoot()
        var change = ReportChange(environment: environment)
        change.version = reportedVersion
        change.health = health
        change.checks = check
        change.clearChecks = clearChecks
        change.services = service
        change.flags = flag
        change.config = config
        change.schema = schema
        change.by = by
        change.deployedAt = deployedAt
        let actor = Identity.actor()
        try performWrite(common.store(root)) { store throws(OperationError) in
            if let json { change.json = try ReportInputFile.read(json, option: "--json") }
            return try store.report(change, actor: actor)
        }
    }
}

/// Runs a write of CI's (report, release) and prints its outcome as every command does: the message on stdout,
/// a warning on stderr; a refusal is the command's failure with its exit code.
func performWrite(_ store: Store, _ body: (Store) throws(OperationError) -> OperationResult) throws(CommandFailure) {
    do {
        let result = try body(store)
        Console.recordedChange = result.changed
        Console.out(result.message)
        if let warning = result.warning { printErr("airlock: warning: \(warning)") }
    } catch {
        throw CommandFailure(error.message, code: error.exitCode)
    }
}
