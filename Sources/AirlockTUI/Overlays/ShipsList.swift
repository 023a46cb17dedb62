// What ships, as lines: the confirm dialog and the drift view list the same releases the same way.

import AirlockCore
import AirlockStore
import Foundation

enum ShipsList {
    /// The longest value shown whole (notes, author); the rest is cut with an ellipsis.
    static let valueLimit = 200

    /// A line per release (version, author, created, checklist done/total, schema need), its notes under it.
    static func lines(_ w: WhatShips) -> [Line] {
        var out: [Line] = []
        out.reserveCapacity(w.releases.count * 2)
        for r in w.releases {
            var spans = [Span(Sanitize.value(r.version, limit: 64), .header, bold: true)]
            if !r.hasFile { spans.append(Span("  no release file", .degraded)) }
            if let by = r.createdBy { spans.append(Span("  by " + Sanitize.value(by, limit: 40))) }
            if let at = r.createdAt { spans.append(Span("  " + TimeFormat.formatTimestamp(at), .dim)) }
            let complete = r.checklistDone == r.checklistTotal
            spans.append(Span("  checklist \(r.checklistDone)/\(r.checklistTotal)", complete ? .healthy : .blocked))
            if let need = r.schemaNeed {
                spans.append(Span("  schema \(need)" + (r.migrates ? " (migrates)" : ""), r.migrates ? .changed : .dim))
            }
            out.append(Line(spans))
            if let notes = r.notes { out.append(Line("    " + Sanitize.value(notes, limit: valueLimit), .dim)) }
        }
        return out
    }

    /// The summary line: what ships, or why nothing does.
    static func summary(_ w: WhatShips) -> Line {
        Line("What ships: " + w.summary, w.direction == .forward ? .accent : .dim, bold: true)
    }

    /// Which items the checklist figures count.
    static func counting(_ w: WhatShips) -> Line {
        let which = w.checklistIsGates ? "\(w.into)'s gates" : "every item (\(w.into) has no gates)"
        return Line("checklist counts \(which)", .dim)
    }
}
