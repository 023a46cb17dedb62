// `airlock promote V --to B`: request a promotion.
import AirlockCore
import AirlockStore
import ArgumentParser

struct Promote: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Request a promotion of VERSION into an environment.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The release to promote.") var version: String
    @Option(name: .long, help: ArgumentHelp("The environment to promote into.", valueName: "ENV")) var to: String
    @Flag(name: .long, help: "Confirm a promotion into a protected environment.") var yes = false
    @Option(name: .long, help: ArgumentHelp("Why (recorded in the request and the audit log).", valueName: "TEXT"))
    var reason: String?

    func run() throws {
        let root = try common.resolvePipelineRoot()
        let actor = Identity.actor()
        try perform(
            common.store(root), .promote(version: version, to: to, reason: reason), actor: actor, confirmed: yes)
    }
}
