// `airlock rollback B [--to V]`: request a rollback.
import AirlockCore
import AirlockStore
import ArgumentParser

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
        let root = try common.resolvePipelineRoot()
        let actor = Identity.actor()
        let command = Command.rollback(environment: environment, to: to, reason: reason)
        try perform(common.store(root), command, actor: actor, confirmed: yes)
    }
}
