// `airlock resume ENV`: auto-promotion into ENV goes on after a hold (a rollback, another version promoted).
import AirlockCore
import AirlockStore
import ArgumentParser

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resume auto-promotion into an environment held after a person's rollback or promotion.",
        discussion: "Exit 0 with one resume line in the audit log; exit 0 with nothing written when it is not held.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The environment.") var environment: String
    @Option(name: .long, help: ArgumentHelp("Why (recorded in the audit log).", valueName: "TEXT")) var reason: String?

    func run() throws {
        let root = try common.resolvePipelineRoot()
        let actor = Identity.actor()
        let env = Sanitize.value(environment)
        do {
            if let hold = try common.store(root).resume(environment, actor: actor, reason: reason) {
                Console.recordedChange = true
                Console.out(
                    "resumed auto-promotion into \(env) (held by \(Sanitize.value(hold.by)) since "
                        + "\(TimeFormat.formatTimestamp(hold.at)))")
            } else {
                Console.out("auto-promotion into \(env) is not held; nothing changed")
            }
        } catch {
            throw CommandFailure(error.message, code: error.exitCode)
        }
    }
}
