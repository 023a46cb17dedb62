// The audit log, newest first: only what the view has read of it (a page plus a margin), never the whole log.

import AirlockCore
import AirlockStore

struct LogOverlay: OverlayWidget {
    let state: AppState
    let scroll: Int

    func draw(on grid: inout Grid) {
        let page = state.logPage
        let entries = page?.entries ?? []
        var lines = entries.map(line)
        if let error = page?.error {
            lines = [Line(error, .error)]
        } else if lines.isEmpty {
            let text =
                page?.reachedStart == true
                ? (state.filter.isEmpty ? "the audit log is empty" : "no entry matches the filter")
                : "reading the audit log… (↓ reads further back)"
            lines = [Line(text, .dim)]
        }
        let frame = OverlayFrame.draw(on: &grid, title: "Audit log — newest first", height: lines.count + 2)
        // Older entries may exist beyond what has been read.
        let more = page.map { !$0.reachedStart } ?? false
        let total = more ? "\(entries.count)+, ↓ reads older" : "\(entries.count)"
        ScrolledText(lines: lines, offset: scroll, total: total, moreBeyond: more).draw(in: frame, on: &grid)
    }

    /// One entry: promotions stand out, rollbacks warn (the columns come from the core).
    private func line(_ e: AuditEntry) -> Line {
        let text = e.logColumns(arrow: "→").joined
        let role: Role = e.action == .rollback ? .degraded : e.action == .promote ? .accent : .normal
        return Line(text, role, bold: e.action == .promote || e.action == .rollback)
    }
}
