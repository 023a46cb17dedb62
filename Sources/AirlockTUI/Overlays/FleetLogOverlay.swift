// The audit logs of every pipeline of the fleet merged, newest first, each line naming its pipeline.

import AirlockCore

struct FleetLogOverlay: OverlayWidget {
    let state: AppState
    let scroll: Int

    func draw(on grid: inout Grid) {
        let page = state.fleet?.log
        let entries = page?.entries ?? []
        let nameWidth = min(20, entries.map { Grid.width(of: $0.pipeline) }.max() ?? 0)
        var lines = (page?.errors ?? []).map { Line($0, .error) }
        lines += entries.map { line($0, nameWidth: nameWidth) }
        if lines.isEmpty {
            let text =
                page?.reachedStart == true
                ? ((state.fleet?.filter ?? "").isEmpty ? "every audit log is empty" : "no entry matches the filter")
                : "reading the audit logs… (↓ reads further back)"
            lines = [Line(text, .dim)]
        }
        let frame = OverlayFrame.draw(
            on: &grid, title: "Audit logs of every pipeline — newest first", width: 120, height: lines.count + 2)
        let more = page.map { !$0.reachedStart } ?? false
        let total = more ? "\(entries.count)+, ↓ reads older" : "\(entries.count)"
        ScrolledText(lines: lines, offset: scroll, total: total, moreBeyond: more).draw(in: frame, on: &grid)
    }

    /// `2026-11-21T22:40:00Z  checkout  alice  promote 2.4.0 → qa`.
    private func line(_ e: FleetLogEntry, nameWidth: Int) -> Line {
        let c = e.entry.logColumns(arrow: "→")
        let name = TextFit.tail(e.pipeline, nameWidth)
        let padded = name + String(repeating: " ", count: max(0, nameWidth - Grid.width(of: name)))
        let role: Role = e.entry.action == .rollback ? .degraded : e.entry.action == .promote ? .accent : .normal
        let bold = e.entry.action == .promote || e.entry.action == .rollback
        return Line([
            Span(c.timestamp + "  ", role, bold: bold), Span(padded, .header, bold: true),
            Span("  \(c.actor)  \(c.action) \(c.details)", role, bold: bold),
        ])
    }
}
