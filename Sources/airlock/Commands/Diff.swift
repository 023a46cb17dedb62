// `airlock diff A B [--json]`: two environments side by side and what ships from A into B.
import AirlockCore
import AirlockStore
import ArgumentParser
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Two environments side by side (versions, flags, config, schema, facts) and what ships from A into B.",
        discussion: "A and B need not be neighbours: every release newer than B's version up to A's is listed.")
    @OptionGroup var common: CommonOptions
    @Argument(help: ArgumentHelp("The environment the version comes from.", valueName: "A")) var from: String
    @Argument(help: ArgumentHelp("The environment it would go into.", valueName: "B")) var into: String
    @Flag(name: .long, help: "Print JSON (SPEC section 3).") var json = false

    func run() throws {
        let snap = RootLoader(root: try common.resolvePipelineRoot()).load()
        guard let pipeline = snap.pipeline else {
            let first = snap.problems.first.map { ": " + Sanitize.line($0.description) } ?? ""
            throw CommandFailure("cannot read the pipeline" + first, code: CommandFailure.failed)
        }
        for name in [from, into] where pipeline.environment(named: name) == nil {
            let names = pipeline.environments.map(\.name).joined(separator: ", ")
            throw CommandFailure(
                "unknown environment \"\(Sanitize.value(name, limit: 64))\" (environments: \(names))",
                code: CommandFailure.badInput)
        }
        guard let drift = Facts.drift(from: from, to: into, in: snap),
            let ships = Facts.whatShips(from: from, into: into, in: snap)
        else { throw CommandFailure("cannot compare \(from) and \(into)", code: CommandFailure.failed) }
        if json {
            Console.data(Report.diff(pipeline: pipeline.name, drift: drift, ships: ships).serialized(indent: 2))
        } else {
            Console.out(DiffText.render(drift: drift, ships: ships))
        }
        if Console.hasFailed { throw CommandFailure(silentExit: CommandFailure.failed) }
        if !snap.problems.isEmpty {
            printErr("airlock: the root has \(snap.problems.count) problem(s); airlock check lists them")
        }
    }
}
