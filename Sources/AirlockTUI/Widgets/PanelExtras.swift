// An environment panel's rows for a roomy screen, below its first rows: services not healthy by name, soak time
// left, flags that differ from the next environment, the last deploys; fitted to the rows left, least useful cut first.

import AirlockCore
import Foundation

struct PanelExtras {
    let facts: PanelFacts
    let now: Date

    /// A group of rows: shown whole, or cut to fewer (down to `least`; a list then ends "+N more"), or dropped.
    struct Group {
        var lines: [Line]
        /// Rows it has: more than `lines` when a long list was cut at `listCap` (no screen shows that many).
        var count: Int
        /// The fewest rows worth showing (a heading needs a row under it).
        var least = 1
        /// A list's last row when cut: how many of its rows that row and those below it would have shown.
        var more: ((Int) -> Line)?

        init(lines: [Line], count: Int? = nil, least: Int = 1, more: ((Int) -> Line)? = nil) {
            self.lines = lines
            self.count = count ?? lines.count
            self.least = least
            self.more = more
        }
    }

    /// Rows of a list made into lines at most: a thousand failing services cost no more per frame than a screenful.
    static let listCap = 120

    /// The groups, most useful first: what is wrong now, what still holds a promotion, what differs, history.
    func groups(width w: Int) -> [Group] {
        func fit(_ options: String...) -> String {
            options.first { Grid.width(of: $0) <= w } ?? options.last ?? ""
        }
        var out: [Group] = []
        let bad = facts.unhealthy.prefix(Self.listCap).map { s -> Line in
            let symbol = Symbols.healthSymbol(s.health)
            return Line(
                fit("  \(symbol) \(s.name) \(s.health.rawValue)", "  \(symbol) \(s.name)"),
                Symbols.healthRole(s.health))
        }
        if !bad.isEmpty {
            out.append(Group(lines: bad, count: facts.unhealthy.count, more: { Line("  +\($0) more", .dim) }))
        }
        if let soak = facts.soak {
            let total = TimeFormat.formatAge(soak)
            if let ends = facts.soakEnds, ends > now {
                let left = TimeFormat.formatAge(ends.timeIntervalSince(now))
                out.append(Group(lines: [Line(fit("soak \(left) left of \(total)", "soak \(left) left"), .inProgress)]))
            } else if facts.soakEnds != nil {
                out.append(Group(lines: [Line(fit("soak \(total) done", "soaked"), .dim)]))
            } else {
                out.append(Group(lines: [Line(fit("soak \(total): no deployed_at", "soak: no deployed_at"), .dim)]))
            }
        }
        if let next = facts.next, !facts.flags.isEmpty {
            let rows = facts.flags.prefix(Self.listCap).map { f -> [String] in
                let (here, there) = (f.here ?? "unset", f.next ?? "unset")
                return [
                    "≠ flag \(f.name): \(here), \(next): \(there)", "≠ \(f.name): \(here), \(next): \(there)",
                    "≠ \(f.name) \(here)→\(there)", "≠ \(f.name)",
                ]
            }
            let more = { (n: Int) in Line(fit("≠ \(n) more flags differ", "≠ +\(n) more"), .changed) }
            let lines = sameForm(rows, width: w).map { Line($0, .changed) }
            out.append(Group(lines: lines, count: facts.flags.count, more: more))
        }
        if !facts.deploys.isEmpty {
            let heading = Line(fit("last deploys", "deploys"), .header)
            out.append(Group(lines: [heading] + deployLines(width: w).map { Line($0, .dim) }, least: 2))
        }
        return out
    }

    /// One form for every row of a list (its options, longest first): the first form in which all of them fit; rows
    /// that fit in none take their last.
    private func sameForm(_ rows: [[String]], width w: Int) -> [String] {
        let forms = rows.map(\.count).min() ?? 0
        for k in 0..<forms where rows.allSatisfy({ Grid.width(of: $0[k]) <= w }) { return rows.map { $0[k] } }
        return rows.map { $0.last ?? "" }
    }

    /// The deploys as aligned columns (version, who, how long ago); when too wide, who is cut, then the versions
    /// (their end kept: the part that tells releases apart).
    func deployLines(width w: Int) -> [String] {
        let ds = facts.deploys
        let ages = ds.map { Symbols.age(now, $0.at) }
        let ageWidth = ages.map { Grid.width(of: $0) }.max() ?? 0
        var versionWidth = ds.map { Grid.width(of: $0.version) }.max() ?? 0
        var byWidth = ds.map { Grid.width(of: $0.by) }.max() ?? 0
        var gap = 2
        func total() -> Int { 2 + versionWidth + (byWidth > 0 ? byWidth + gap : 0) + gap + ageWidth }
        if total() > w { gap = 1 }
        if total() > w {
            // Who, cut to fewer than three columns, says nothing: then it goes.
            byWidth = max(0, byWidth - (total() - w))
            if byWidth < 3 { byWidth = 0 }
        }
        if total() > w { versionWidth = max(1, versionWidth - (total() - w)) }
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - Grid.width(of: s))) }
        let space = String(repeating: " ", count: gap)
        return zip(ds, ages).map { d, age in
            let version = pad(TextFit.tail(d.version, versionWidth), versionWidth)
            let by = byWidth > 0 ? pad(Grid.truncate(d.by, byWidth), byWidth) + space : ""
            return "  " + version + space + by + age
        }
    }

    /// The rows shown in `rows` rows: groups in order of use, each whole or cut; those that do not fit dropped.
    func fitted(width: Int, rows: Int) -> [Line] {
        var left = rows
        var out: [Line] = []
        for g in groups(width: width) where left >= g.least {
            if g.count <= left, g.count == g.lines.count {
                out += g.lines
                left -= g.count
                continue
            }
            var shown = Array(g.lines.prefix(left))
            if let more = g.more, let last = shown.indices.last { shown[last] = more(g.count - last) }
            out += shown
            left = 0
        }
        return out
    }

    /// Rows every group would take shown whole.
    func wanted(width: Int) -> Int {
        groups(width: width).reduce(0) { $0 + $1.count }
    }
}
