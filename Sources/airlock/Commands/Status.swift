// `airlock status`: one snapshot (or on a fleet root, the fleet's matrix) as a table or as JSON; with --watch, again
// after every change.
import AirlockStore
import ArgumentParser
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One snapshot: environments, pending promotions, problems. Exit 1 when the root has problems.")
    @OptionGroup var common: CommonOptions
    @Flag(name: .long, help: "Print JSON (SPEC section 3).")
    var json = false
    @Flag(
        name: .long,
        help: "Print the snapshot, then again after every change (at most 10 a second; JSON: one object a line).")
    var watch = false

    func run() throws {
        let now = Date()
        if watch {
            switch try common.resolveTarget() {
            case .pipeline(let root): try StatusStream(json: json, root: root, fleet: false).run()
            case .fleet(let root): try StatusStream(json: json, root: root, fleet: true).run()
            }
        }
        switch try common.resolveTarget() {
        case .pipeline(let root):
            let snap = RootLoader(root: root).load()
            if json {
                Console.data(Report.status(snap, root: root, now: now).serialized(indent: 2))
            } else {
                Console.out(StatusTable.render(snap, now: now) + Self.agentLine(root))
            }
            if !snap.problems.isEmpty { throw CommandFailure(silentExit: CommandFailure.failed) }
        case .fleet(let root):
            let fleet = FleetLoader(root: root).load()
            if json {
                Console.data(Report.fleetStatus(fleet, root: root, now: now).serialized(indent: 2))
            } else {
                Console.out(FleetTable.render(fleet, now: now) + Self.agentLine(root))
            }
            if !fleet.problems.isEmpty || fleet.members.contains(where: { !$0.snapshot.problems.isEmpty }) {
                throw CommandFailure(silentExit: CommandFailure.failed)
            }
        }
    }

    /// `agent: pid ... since ...: counts` on a line of its own when an agent runs on the root; nothing otherwise.
    static func agentLine(_ root: String) -> String {
        AgentStatus.read(root: root).map { "\n" + Sanitize.line($0.line) } ?? ""
    }
}
