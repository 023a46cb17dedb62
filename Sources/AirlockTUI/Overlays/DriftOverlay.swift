// Drift: an environment beside the next one, key by key (version, schema, health, flags, config), differences marked.

import AirlockCore

struct DriftOverlay: OverlayWidget {
    let state: AppState
    let environment: String

    /// One compared key: its value on each side (nil when absent there).
    private struct Row {
        var key: String
        var left: String?
        var right: String?

        /// As shown: a key absent on both sides reads "—" on both.
        var differs: Bool { (left ?? "—") != (right ?? "—") }
        var role: Role { left == right ? .normal : left == nil ? .added : right == nil ? .removed : .changed }
    }

    func draw(on grid: inout Grid) {
        guard let p = state.pipeline, let i = p.index(of: environment), i + 1 < p.environments.count else { return }
        let next = p.environments[i + 1].name
        let a = state.snapshot.environments[environment]
        let b = state.snapshot.environments[next]
        let rows = driftRows(a, b)
        let keyCount = rows.count - 3
        let frame = OverlayFrame.draw(on: &grid, title: "Drift: \(environment) ↔ \(next)", height: keyCount + 8)
        let text = OverlayFrame.inner(frame)
        let colW = text.width / 3
        let columns = (0..<3).map { Rect(x: text.x + $0 * colW, y: text.y, width: colW - 1, height: text.height) }
        grid.draw(Line("".padding(toLength: colW, withPad: " ", startingAt: 0), .header), in: text, truncate: false)
        grid.draw(Line(environment, .header, bold: true), in: text, column: colW, truncate: false)
        grid.draw(Line(next, .header, bold: true), in: text, column: 2 * colW, truncate: false)
        // The last inner row holds the summary.
        for (r, row) in rows.prefix(max(0, text.height - 2)).enumerated() {
            let cells = [(row.differs ? "≠ " : "  ") + row.key, row.left ?? "—", row.right ?? "—"]
            for (c, cell) in cells.enumerated() {
                grid.draw(Line(cell, row.role, bold: c == 0 && row.differs), in: columns[c], row: 1 + r)
            }
        }
        let differing = rows.filter(\.differs).count
        let services = serviceVersionsDiffering(a, b)
        let summary =
            "\(differing) of \(rows.count) differ" + (services > 0 ? " · \(services) service version(s) differ" : "")
        grid.draw(
            Line(summary, differing > 0 ? .changed : .healthy, bold: true), in: frame, row: frame.height - 2,
            column: 2, truncate: false)
    }

    /// Version, schema and health, then every flag and config key of either side in first-seen order
    /// (a fact the core will own).
    private func driftRows(_ a: EnvironmentStatus?, _ b: EnvironmentStatus?) -> [Row] {
        var rows = [
            Row(key: "version", left: a?.version, right: b?.version),
            Row(
                key: "schema_version", left: a?.schemaVersion.map(String.init), right: b?.schemaVersion.map(String.init)
            ),
            Row(key: "health", left: Rules.health(of: a).rawValue, right: Rules.health(of: b).rawValue),
        ]
        func merged(_ l: [(name: String, value: String)], _ r: [(name: String, value: String)], prefix: String) {
            var keys: [String] = []
            for k in l.map(\.name) + r.map(\.name) where !keys.contains(k) { keys.append(k) }
            for k in keys {
                rows.append(
                    Row(key: prefix + k, left: l.first { $0.name == k }?.value, right: r.first { $0.name == k }?.value))
            }
        }
        merged(a?.flags ?? [], b?.flags ?? [], prefix: "flag ")
        merged(a?.config ?? [], b?.config ?? [], prefix: "config ")
        return rows
    }

    /// Services whose version differs between the two sides (a fact the core will own).
    private func serviceVersionsDiffering(_ a: EnvironmentStatus?, _ b: EnvironmentStatus?) -> Int {
        guard let a, let b else { return 0 }
        let bv = Dictionary(b.services.map { ($0.name, $0.version ?? "") }, uniquingKeysWith: { x, _ in x })
        return a.services.filter { bv[$0.name] != ($0.version ?? "") }.count
    }
}
