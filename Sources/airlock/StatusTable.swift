import AirlockCore
import AirlockStore
import Foundation

/// Plain-text renderings for the command line.
enum StatusTable {
    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

    static func render(_ snap: Snapshot, now: Date) -> String {
        var lines: [String] = []
        guard let pipeline = snap.pipeline else {
            lines.append("no pipeline: airlock.yaml cannot be read")
            lines += problemLines(snap)
            return lines.joined(separator: "\n")
        }
        lines.append("pipeline \(Sanitize.line(pipeline.name))")
        lines.append("")
        lines.append(pad("ENVIRONMENT", 14) + pad("VERSION", 16) + pad("HEALTH", 10) + pad("UPDATED", 12) + pad("CHECKS", 14) + "REQUEST")
        for env in pipeline.environments {
            let s = snap.environments[env.name]
            let stale = Rules.isStale(env, in: snap, now: now)
            let counts = s?.checkCounts ?? [:]
            let checks = s?.checks.isEmpty == false
                ? "\(counts[.passing] ?? 0)ok \(counts[.warning] ?? 0)w \(counts[.failing] ?? 0)f" : "-"
            let updated = s?.updatedAt.map { TimeFormat.formatAge(now.timeIntervalSince($0)) + " ago" } ?? "-"
            var request = "-"
            if let r = snap.promotions[env.name] {
                let done = s?.version == r.version
                request = "\(r.kind == .rollback ? "rollback" : "promotion") \(Sanitize.line(r.version)) by \(Sanitize.line(r.requestedBy))"
                    + (done ? " (done)" : " (in progress)")
            }
            lines.append(pad(env.name, 14) + pad(Sanitize.line(s?.version ?? "—"), 16)
                         + pad(Rules.health(of: s).rawValue, 10) + pad(updated + (stale ? " STALE" : ""), 12) + pad(checks, 14) + request)
        }
        let pending = Rules.pending(snapshot: snap, now: now)
        lines.append("")
        if pending.isEmpty {
            lines.append("no pending promotions")
        } else {
            lines.append("PENDING")
            let titles = Dictionary(pipeline.checklistItems.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            for p in pending {
                lines.append("  \(Sanitize.line(p.version))  \(p.from) -> \(p.to)  \(p.state.rawValue)")
                for b in p.blockers {
                    lines.append("      \(pad(b.code, 26)) \(Sanitize.line(b.explanation(now: now, titles: titles)))")
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
        ["PROBLEMS (\(snap.problems.count))"] + snap.problems.map { "  " + Sanitize.line($0.description) }
    }

    static func checklist(_ release: Release, pipeline: Pipeline) -> String {
        var lines = ["release \(Sanitize.line(release.version))"]
        if let notes = release.notes { lines.append("  " + Sanitize.line(notes)) }
        lines.append("")
        for item in pipeline.checklistItems {
            let gatedBy = pipeline.environments.filter { $0.gates.contains(item.id) }.map(\.name)
            let mark: String
            var who = ""
            if item.computed {
                let envs = pipeline.environments.filter { $0.requiredApprovals > 0 }
                let parts = envs.map { env -> String in
                    let have = Rules.approvals(of: release, for: env).count
                    return "\(env.name) \(have)/\(env.requiredApprovals)"
                }
                let done = envs.allSatisfy { Rules.approvalDone(release: release, env: $0) }
                mark = done ? "[x]" : "[ ]"
                who = parts.isEmpty ? "" : "  approvals: " + parts.joined(separator: ", ")
            } else {
                let e = release.checklist[item.id]
                mark = e?.done == true ? "[x]" : "[ ]"
                if let e, let by = e.by {
                    who = "  \(e.done ? "done" : "undone") by \(Sanitize.line(by))"
                    if let at = e.at { who += " at \(TimeFormat.formatTimestamp(at))" }
                }
                if let note = e?.note { who += "  note: \(Sanitize.line(note))" }
            }
            let gate = gatedBy.isEmpty ? "" : "  (gate of \(gatedBy.joined(separator: ", ")))"
            lines.append("\(mark) \(pad(item.id, 18)) \(Sanitize.line(item.title))\(gate)\(who)")
        }
        return lines.joined(separator: "\n")
    }

    static func logLine(_ e: AuditEntry) -> String {
        "\(TimeFormat.formatTimestamp(e.at))  \(pad(Sanitize.line(e.actor), 10)) \(pad(e.action.rawValue, 8)) \(Sanitize.line(e.details()))"
    }
}
