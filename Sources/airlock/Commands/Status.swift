// `airlock status`: one snapshot as a table or as JSON.
import AirlockStore
import ArgumentParser
import Foundation

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
        if !snap.problems.isEmpty { throw CommandFailure(silentExit: CommandFailure.failed) }
    }
}
