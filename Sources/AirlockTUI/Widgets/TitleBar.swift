// Title bar: the pipeline's name on the left; who, git sync, watch mode, last read and the clock on the right.

import AirlockCore
import Foundation

struct TitleBar: Widget {
    let state: AppState

    func draw(in area: Rect, on grid: inout Grid) {
        let s = state
        grid.fill(area, .title)
        // Opened from the fleet: the fleet's name before it (Esc goes back).
        let name =
            (s.fleet.map { $0.fleet.name + " › " } ?? "") + (s.pipeline?.name ?? s.fleet?.acting ?? "no pipeline")
        let left = " airlock · \(name)" + (s.demo ? " (demo)" : "")
        grid.draw(Line(left, .title, bold: true), in: area, truncate: false)
        let sync = syncText()
        let clock = Symbols.clock(s.now)
        let read = TimeFormat.formatAge(s.now.timeIntervalSince(s.lastRead))
        // Narrower screens drop the least useful parts first.
        var right = "\(s.actor) · \(sync)\(s.watchMode) · read \(read) ago · \(clock) "
        if area.width < 90 + Grid.width(of: sync) { right = "\(s.actor) · \(sync)\(clock) " }
        if area.width < 70 + Grid.width(of: sync) { right = "\(s.actor) · \(clock) " }
        let column = area.width - Grid.width(of: right)
        if column > Grid.width(of: left) + 1 {
            grid.draw(Line(right, .title), in: area, column: column, truncate: false)
        }
    }

    private func syncText() -> String {
        guard state.syncEnabled else { return "" }
        if state.syncError != nil { return "git ✗ sync failed · " }
        if let at = state.syncedAt {
            return "git synced \(TimeFormat.formatAge(state.now.timeIntervalSince(at))) ago · "
        }
        return "git syncing… · "
    }
}
