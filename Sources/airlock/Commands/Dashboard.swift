// `airlock` / `airlock dashboard`: the dashboard on the status root.
import AirlockTUI
import ArgumentParser

struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The dashboard on the status root (the default command).")
    @OptionGroup var common: CommonOptions

    func run() throws {
        // A fleet root opens on the fleet screen; --pipeline opens that pipeline's screen alone.
        let root: String
        switch try common.resolveTarget() {
        case .pipeline(let pipelineRoot): root = pipelineRoot
        case .fleet(let fleetRoot): root = fleetRoot
        }
        let code = DashboardApp.run(root: root, theme: common.theme, demo: nil)
        if code != 0 { throw CommandFailure(silentExit: code) }
    }
}
