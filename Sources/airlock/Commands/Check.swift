// `airlock check`: every problem of the root as PATH:LINE: message.
import AirlockStore
import ArgumentParser

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
            throw CommandFailure(silentExit: CommandFailure.failed)
        }
    }
}
