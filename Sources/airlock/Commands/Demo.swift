// `airlock demo [--fleet]`: the dashboard on a changing copy of the bundled demo root or demo fleet.
import AirlockDemo
import AirlockTUI
import ArgumentParser
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: """
            Copy the bundled demo root to a temporary folder, keep it changing like a live pipeline, \
            and open the dashboard on it (--fleet: a fleet of six services' pipelines).
            """
    )
    @Option(name: .long, help: ArgumentHelp("A theme name or a theme file.", valueName: "NAME|PATH"))
    var theme: String?
    @Flag(name: .long, help: "Only create the demo root and print its path.")
    var printRoot = false
    @Flag(name: .long, help: "The demo fleet: six services, each its own pipeline, changing live across them.")
    var fleet = false

    func run() throws {
        if !printRoot && (isatty(0) == 0 || isatty(1) == 0) {
            throw CommandFailure(
                "the dashboard needs a terminal (airlock demo --print-root only creates the demo root)",
                code: CommandFailure.badInput)
        }
        let root: String
        do {
            root = try fleet ? DemoRoot.createFleet() : DemoRoot.create(shiftedTo: Date())
        } catch {
            throw CommandFailure("cannot create the demo root: \(error)", code: CommandFailure.failed)
        }
        if printRoot {
            print(root)
            return
        }
        let simulator: any DashboardSimulator = fleet ? FleetDemoSimulator(root: root) : DemoSimulator(root: root)
        let code = DashboardApp.run(root: root, theme: theme, demo: simulator)
        // The demo's folder is scratch: it goes when the demo ends (--print-root is the way to keep one).
        try? FileManager.default.removeItem(atPath: root)
        if code != 0 { throw CommandFailure(silentExit: code) }
    }
}
