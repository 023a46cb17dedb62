// `airlock check`: every problem of the root (on a fleet, of every pipeline) as PATH:LINE: message.
import AirlockCore
import AirlockStore
import ArgumentParser

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Validate the root (every pipeline of a fleet): one PATH:LINE: message per problem. Exit 1 on problems."
    )
    @OptionGroup var common: CommonOptions

    func run() throws {
        let problems: [Problem]
        let summary: String
        switch try common.resolveTarget() {
        case .pipeline(let root):
            let loader = RootLoader(root: root)
            loader.checksWholeAuditLog = true
            let snap = loader.load()
            problems = snap.problems
            let envs = snap.pipeline?.environments.count ?? 0
            summary = "ok: \(envs) environments, \(snap.releases.count) releases, no problems"
        case .fleet(let root):
            let loader = FleetLoader(root: root)
            loader.checksWholeAuditLog = true
            let fleet = loader.load()
            problems = fleet.problems + fleet.members.flatMap(\.fleetProblems)
            let envs = fleet.members.reduce(0) { $0 + ($1.snapshot.pipeline?.environments.count ?? 0) }
            let releases = fleet.members.reduce(0) { $0 + $1.snapshot.releases.count }
            summary = "ok: \(fleet.members.count) pipelines, \(envs) environments, \(releases) releases, no problems"
        }
        for p in problems { Console.out(Sanitize.line(p.description)) }
        if problems.isEmpty {
            Console.out(summary)
        } else {
            printErr("\(problems.count) problem\(problems.count == 1 ? "" : "s")")
            throw CommandFailure(silentExit: CommandFailure.failed)
        }
    }
}
