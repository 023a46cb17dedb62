// Quitting while a hook runs: wait for it, or stop it.

import AirlockCore
import Foundation

struct HookQuitQuestion: OverlayWidget {
    let program: String
    let running: TimeInterval

    func draw(on grid: inout Grid) {
        let frame = OverlayFrame.draw(on: &grid, title: "A hook is running", width: 64, height: 7)
        let lines = [
            Line("The hook \(program) has run for \(TimeFormat.formatAge(running)).", .normal, bold: true),
            Line("w  wait for it to finish, then quit"),
            Line("s  stop it (TERM to its process group, KILL after 5 s) and quit", .degraded),
            Line("Esc  keep working", .dim),
        ]
        grid.draw(lines, in: OverlayFrame.inner(frame))
    }
}
