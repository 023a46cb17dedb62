// The plain-text fleet matrix of `status` on a fleet root: pipelines as rows, environments as columns.
import AirlockCore
import AirlockStore
import Foundation

enum FleetTable {
    /// The health symbols of the dashboard, so a state never rests on colour.
    static func symbol(_ h: Health) -> String {
        switch h {
        case .healthy: return "✓"
        case .degraded: return "!"
        case .down: return "✗"
        case .unknown: return "?"
        }
    }

    /// `2.4.1 ✓ STALE <-ready`: version, health symbol, stale mark, the state of the promotion waiting to enter.
    static func cell(_ cell: FleetCell?) -> String {
        guard let cell else { return "-" }
        var text = Sanitize.value(cell.version ?? "—", limit: 40) + " " + symbol(cell.health)
        if cell.stale { text += " STALE" }
        if let incoming = cell.incoming { text += " <-" + incoming.rawValue }
        return text
    }

    static func summary(_ row: FleetRowSummary) -> String {
        "\(row.ready) ready, \(row.blocked) blocked, \(row.inProgress) in progress"
    }

    static func render(_ fleet: Fleet, now: Date) -> String {
        let totals = Facts.fleetTotals(fleet, now: now)
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var lines = [
            "fleet \(Sanitize.value(fleet.name)): \(count(totals.pipelines, "pipeline")), \(totals.down) down, "
                + "\(totals.stale) stale, \(totals.ready) ready, \(totals.blocked) blocked, "
                + count(totals.problems, "problem"),
            "",
        ]
        let columns = Facts.fleetColumns(fleet.members)
        var rows = [["PIPELINE"] + columns + ["PENDING", "PROBLEMS"]]
        func row(_ m: FleetMember) -> [String] {
            let cells = columns.map { cell(Facts.fleetCell(m, environment: $0, now: now)) }
            let end = Facts.fleetRow(m, now: now)
            return [Sanitize.value(m.name, limit: 64)] + cells + [summary(end), "\(end.problems)"]
        }
        var shown = Set<String>()
        for group in fleet.config.groups {
            let members = group.pipelines.flatMap { name in fleet.members.filter { $0.name == name } }
            guard !members.isEmpty else { continue }
            rows.append(["[\(Sanitize.value(group.name, limit: 64))]"])
            for m in members where shown.insert(m.folder).inserted { rows.append(row(m)) }
        }
        let rest = fleet.members.filter { !shown.contains($0.folder) }
        if !shown.isEmpty && !rest.isEmpty { rows.append(["[other]"]) }
        rows += rest.map(row)
        lines += StatusTable.table(rows)
        lines.append("")
        lines.append(
            "✓ healthy  ! degraded  ✗ down  ? unknown  STALE no fresh report  <-STATE promotion waiting to enter")
        let problems = fleet.problems + fleet.members.flatMap(\.fleetProblems)
        if !problems.isEmpty {
            lines.append("")
            lines.append("PROBLEMS (\(problems.count))")
            lines += problems.map { "  " + Sanitize.value($0.description, limit: 400) }
        }
        return lines.joined(separator: "\n")
    }
}
