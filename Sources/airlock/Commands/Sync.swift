// `airlock sync`: with sync.git, fetch and rebase now.
import AirlockStore
import ArgumentParser

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "With sync.git: fetch and rebase now.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let root = try common.resolvePipelineRoot()
        do {
            Console.out(try common.store(root).sync())
        } catch {
            throw CommandFailure(error.message, code: CommandFailure.failed)
        }
    }
}
