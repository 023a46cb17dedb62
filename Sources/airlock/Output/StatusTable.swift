// Plain-text renderings of a snapshot, a checklist and an audit line for the command line.

import AirlockCore
import AirlockStore
import AirlockTUI
import Foundation

/// Plain-text renderings for the command line.
enum StatusTable {
    static func pad(_ s: String, _ n: Int) -> String {
        let w = Grid.width(of: s)
        return w >= n ? s : s + String(repeating: " ", count: n - w)
    }

    /// Rows as columns as wide as their widest cell, two spaces apart (a long value widens its column instead
    /// of running into the next one).
    static func table(_ rows: [[String]]) -> [String] {
        var widths: [Int] = []
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i >= widths.count { widths.append(0) }
                widths[i] = max(widths[i], Grid.width(of: cell))
            }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : pad(cell, widths[i] + 2) }.joined()
        }
    }

    static func render(_ snap: Snapshot, now: Date) -> String {
        var lines: [String] = []
        guard let pipeline = snap.pipeline else {
            lines.append("no pipeline: airlock.yaml cannot be read")
            lines += problemLines(snap)
            return lines.joined(separator: "\n")
        }
        lines.append("pipeline \(Sanitize.value(pipeline.name))")
        lines.append("")
        var rows = [["ENVIRONMENT", "VERSION", "HEALTH", "UPDATED", "CHECKS", "REQUEST"]]
        for env in pipeline.environments {
            let s = snap.environments[env.name]
            let stale = Rules.isStale(env, in: snap, now: now)
            let counts = s?.checkCounts ?? [:]
            let checks =
                s?.checks.isEmpty == false
                ? "\(counts[.passing] ?? 0)ok \(counts[.warning] ?? 0)w \(counts[.failing] ?? 0)f" : "-"
            let updated = s?.updatedAt.map { TimeFormat.formatAge(now.timeIntervalSince($0)) + " ago" } ?? "-"
            var request = "-"
            if let (r, progress) = Facts.request(on: env.name, in: snap) {
                let done = progress == .done
                request =
                    "\(r.kind == .rollback ? "rollback" : "promotion") \(Sanitize.value(r.version))"
                    + " by \(Sanitize.value(r.requestedBy))" + (done ? " (done)" : " (in progress)")
            }
            rows.append([
                env.name, Sanitize.value(s?.version ?? "—"), Rules.health(of: s).rawValue,
                updated + (stale ? " STALE" : ""), checks, request,
            ])
        }
        lines += table(rows)
        let pending = Rules.pending(snapshot: snap, now: now)
        lines.append("")
        if pending.isEmpty {
            lines.append("no pending promotions")
        } else {
            lines.append("PENDING")
            let titles = Facts.checklistTitles(pipeline)
            for p in pending {
                lines.append("  \(Sanitize.value(p.version))  \(p.from) -> \(p.to)  \(p.state.rawValue)")
                for b in p.blockers {
                    let words = Sanitize.value(b.explanation(now: now, titles: titles), limit: 400)
                    lines.append("      \(pad(Sanitize.value(b.code), 26)) \(words)")
                }
            }
        }
        if !snap.problems.isEmpty {
            lines.append("")
            lines += problemLines(snap)
        }
        return lines.joined(separator: "\n")
    }

    static func problemLines(_ snap: Snapshot) -> [String] {
        ["PROBLEMS (\(snap.problems.count))"] + snap.problems.map { "  " + Sanitize.value($0.description, limit: 400) }
    }

    static func checklist(_ release: Release, pipeline: Pipeline) -> String {
        var lines = ["release \(Sanitize.value(release.version))"]
        if let notes = release.notes { lines.append("  " + Sanitize.line(notes)) }
        lines.append("")
        for item in pipeline.checklistItems {
            let gatedBy = pipeline.environments.filter { $0.gates.contains(item.id) }.map(\.name)
            let mark: String
            var who = ""
            if item.computed {
                let approvals = Facts.approvalItem(release, pipeline: pipeline)
                let parts = approvals.map { "\($0.environment) \($0.approvals.count)/\($0.required)" }
                let done = approvals.allSatisfy(\.done)
                mark = done ? "[x]" : "[ ]"
                who = parts.isEmpty ? "" : "  approvals: " + parts.joined(separator: ", ")
            } else {
                let e = release.checklist[item.id]
                mark = e?.done == true ? "[x]" : "[ ]"
                if let e, let by = e.by {
                    who = "  \(e.done ? "done" : "undone") by \(Sanitize.value(by))"
                    if let at = e.at { who += " at \(TimeFormat.formatTimestamp(at))" }
                }
                if let note = e?.note { who += "  note: \(Sanitize.line(note))" }
            }
            let gate = gatedBy.isEmpty ? "" : "  (gate of \(gatedBy.joined(separator: ", ")))"
            lines.append("\(mark) \(pad(item.id, 18)) \(Sanitize.value(item.title))\(gate)\(who)")
        }
        return lines.joined(separator: "\n")
    }

    static func logLine(_ e: AuditEntry) -> String {
        let c = e.logColumns()
        return "\(c.timestamp)  \(pad(Sanitize.value(c.actor), 10)) \(pad(c.action, 8)) " + Sanitize.line(c.details)
    }
}
