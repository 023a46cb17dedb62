// `airlock` / `airlock dashboard`: the dashboard on the status root.
import AirlockTUI
import ArgumentParser

struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The dashboard on the status root (the default command).")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let root = try common.resolveRoot()
        let code = DashboardApp.run(root: root, theme: common.theme, demo: nil)
        if code != 0 { throw CommandFailure(silentExit: code) }
    }
}
