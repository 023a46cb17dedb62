// `airlock approve V --env B`: record the actor's approval.
import AirlockCore
import AirlockStore
import ArgumentParser

struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record your approval of VERSION for an environment.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The release to approve.") var version: String
    @Option(name: .long, help: ArgumentHelp("The environment the approval is for.", valueName: "ENV")) var env: String

    func run() throws {
        let root = try common.resolvePipelineRoot()
        let actor = Identity.actor()
        try perform(common.store(root), .approve(version: version, environment: env), actor: actor)
    }
}
