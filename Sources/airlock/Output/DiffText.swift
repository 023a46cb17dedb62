// The text of `airlock diff A B`: the drift table, differences marked, then the list of what ships.
import AirlockCore
import AirlockStore
import Foundation

enum DiffText {
    /// The widest the first two columns get; longer values are cut with an ellipsis, the last column at the
    /// sanitizer's value limit (--json keeps every value whole).
    static let columnLimit = 48

    static func render(drift: Drift, ships: WhatShips) -> String {
        var lines = table(drift)
        lines.append("")
        lines += shipsLines(ships)
        return lines.joined(separator: "\n")
    }

    /// `≠` marks a row that differs; `—` a value not reported.
    static func table(_ drift: Drift) -> [String] {
        let cells = drift.rows.map { r in
            [(r.change == .same ? "  " : "≠ ") + cell(r.key), cell(r.left ?? "—"), Sanitize.value(r.right ?? "—")]
        }
        let header = ["", cell(drift.environment), cell(drift.next)]
        let widths = (0..<3).map { c in ([header] + cells).map { $0[c].count }.max() ?? 0 }
        func row(_ r: [String]) -> String {
            (0..<3).map { c in c == 2 ? r[c] : r[c].padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        var out = [row(header)] + cells.map(row)
        let services =
            drift.serviceVersionsDiffering > 0 ? " · \(drift.serviceVersionsDiffering) service version(s) differ" : ""
        out.append("\(drift.differing) of \(drift.rows.count) differ" + services)
        return out
    }

    /// The summary, which items the checklist counts, then a line per release (and its notes, indented).
    static func shipsLines(_ w: WhatShips) -> [String] {
        var out = ["What ships: " + Sanitize.line(w.summary)]
        guard !w.releases.isEmpty else { return out }
        let counted = w.checklistIsGates ? "\(w.into)'s gates" : "every item (\(w.into) has no gates)"
        out.append("checklist counts \(counted): " + w.checklistItems.joined(separator: ", "))
        let width = w.releases.map { cell($0.version).count }.max() ?? 0
        for r in w.releases {
            var parts = [cell(r.version).padding(toLength: width, withPad: " ", startingAt: 0)]
            if !r.hasFile { parts.append("no release file (known from an environment)") }
            if let at = r.createdAt { parts.append("created " + TimeFormat.formatTimestamp(at)) }
            if let by = r.createdBy { parts.append("by " + cell(by)) }
            parts.append("checklist \(r.checklistDone)/\(r.checklistTotal)")
            if let need = r.schemaNeed { parts.append("schema \(need)" + (r.migrates ? " (migrates)" : "")) }
            out.append("  " + parts.joined(separator: "  "))
            if let notes = r.notes { out.append("      " + Sanitize.value(notes)) }
        }
        return out
    }

    private static func cell(_ s: String) -> String { Sanitize.value(s, limit: columnLimit) }
}
