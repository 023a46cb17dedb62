import AirlockCore
import AirlockStore
import Foundation

/// Draws the state into a cell grid. Pure: the same state gives the same grid.
public enum Views {
    public static let minWidth = 50
    public static let minHeight = 12
    static let minPanelWidth = 20

    public static func render(_ s: AppState) -> Grid {
        var g = Grid(width: s.width, height: s.height)
        guard s.width >= minWidth, s.height >= minHeight else {
            let lines = [
                "airlock needs at least \(minWidth)x\(minHeight)", "this terminal is \(s.width)x\(s.height)", "q quits",
            ]
            for (i, l) in lines.enumerated() where i < s.height {
                g.text(
                    max(0, (s.width - Grid.width(of: l)) / 2), max(0, s.height / 2 - 1) + i, l,
                    i == 0 ? .error : .normal)
            }
            return g
        }
        titleBar(&g, s)
        var y = 1
        y = environments(&g, s, top: y)
        let bottom = s.height - 2
        pendingAndProblems(&g, s, top: y, bottom: bottom)
        statusLine(&g, s)
        keyBar(&g, s)
        for overlay in s.overlays { draw(overlay, &g, s) }
        return g
    }

    // MARK: - Symbols and words

    static func healthRole(_ h: Health) -> Role {
        switch h {
        case .healthy: return .healthy
        case .degraded: return .degraded
        case .down: return .down
        case .unknown: return .unknown
        }
    }

    static func healthSymbol(_ h: Health) -> String {
        switch h {
        case .healthy: return "✓"
        case .degraded: return "!"
        case .down: return "✗"
        case .unknown: return "?"
        }
    }

    static func stateRole(_ st: PendingState) -> Role {
        switch st {
        case .ready: return .ready
        case .blocked: return .blocked
        case .inProgress: return .inProgress
        }
    }

    static func stateWord(_ st: PendingState) -> String {
        switch st {
        case .ready: return "READY"
        case .blocked: return "BLOCKED"
        case .inProgress: return "IN PROGRESS"
        }
    }

    static func age(_ s: AppState, _ d: Date?) -> String {
        guard let d else { return "?" }
        return TimeFormat.formatAge(s.now.timeIntervalSince(d))
    }

    static func clock(_ d: Date) -> String {
        let t = Int(d.timeIntervalSince1970) % 86400
        return String(format: "%02d:%02d:%02d UTC", t / 3600, (t % 3600) / 60, t % 60)
    }

    static func isStale(_ s: AppState, _ env: EnvironmentConfig) -> Bool {
        Rules.isStale(env, in: s.snapshot, now: s.now)
    }

    // MARK: - Title, status line, key bar

    static func titleBar(_ g: inout Grid, _ s: AppState) {
        g.fill(0, 0, g.width, 1, .title)
        let name = s.pipeline?.name ?? "no pipeline"
        let left = " airlock · \(name)" + (s.demo ? " (demo)" : "")
        g.text(0, 0, left, .title, bold: true)
        var sync = ""
        if s.syncEnabled {
            if s.syncError != nil {
                sync = "git ✗ sync failed · "
            } else if let at = s.syncedAt {
                sync = "git synced \(TimeFormat.formatAge(s.now.timeIntervalSince(at))) ago · "
            } else {
                sync = "git syncing… · "
            }
        }
        var right =
            "\(s.actor) · \(sync)\(s.watchMode) · read \(TimeFormat.formatAge(s.now.timeIntervalSince(s.lastRead))) ago · \(clock(s.now)) "
        if s.width < 90 + Grid.width(of: sync) { right = "\(s.actor) · \(sync)\(clock(s.now)) " }
        if s.width < 70 + Grid.width(of: sync) { right = "\(s.actor) · \(clock(s.now)) " }
        let x = g.width - Grid.width(of: right)
        if x > Grid.width(of: left) + 1 { g.text(x, 0, right, .title) }
    }

    static func statusLine(_ g: inout Grid, _ s: AppState) {
        let y = g.height - 2
        if let m = s.message {
            g.text(1, y, (m.isError ? "✗ " : "› ") + m.text, m.isError ? .error : .status, maxWidth: g.width - 2)
        } else if let e = s.syncError {
            g.text(1, y, "✗ git sync failed (retrying): \(e)", .error, maxWidth: g.width - 2)
        } else if !s.filter.isEmpty {
            g.text(1, y, "filter: \(s.filter)  (/ to change, Esc to clear)", .status, maxWidth: g.width - 2)
        }
    }

    static let mainKeys: [(String, String)] = [
        ("p", "promote"), ("a", "approve"), ("c", "checklist"), ("r", "rollback"), ("⏎", "details"), ("L", "log"),
        ("d", "drift"), ("/", "filter"), ("t", "theme"), ("?", "help"), ("q", "quit"),
    ]

    static func keyBar(_ g: inout Grid, _ s: AppState) {
        let y = g.height - 1
        g.fill(0, y, g.width, 1, .keybar)
        var keys = mainKeys
        if let top = s.overlays.last {
            switch top {
            case .confirm(let c):
                keys =
                    c.typeToConfirm != nil
                    ? [("type", "the name"), ("⏎", "confirm"), ("Esc", "cancel")]
                    : [("y", "confirm"), ("n/Esc", "cancel")]
            case .filter: keys = [("type", "to filter"), ("⏎", "keep"), ("Esc", "clear")]
            case .pickRollback: keys = [("↑↓", "choose"), ("⏎", "roll back to it"), ("Esc", "cancel")]
            case .checklist: keys = [("↑↓", "move"), ("Space", "tick/untick"), ("Esc", "close"), ("q", "quit")]
            default: keys = [("↑↓", "scroll"), ("PgUp/PgDn", "page"), ("Esc", "close"), ("q", "quit")]
            }
        }
        // The last two (help and quit) always show; others drop from the end of the middle when narrow.
        let tail = keys.count > 2 ? Array(keys.suffix(2)) : []
        var head = keys.count > 2 ? Array(keys.dropLast(2)) : keys
        func width(_ list: [(String, String)]) -> Int {
            list.reduce(0) { $0 + Grid.width(of: $1.0) + Grid.width(of: $1.1) + 3 }
        }
        while !head.isEmpty && width(head) + width(tail) > g.width - 1 { head.removeLast() }
        var x = 1
        for (k, label) in head + tail {
            let w = Grid.width(of: k) + Grid.width(of: label) + 3
            if x + w > g.width { break }
            x = g.text(x, y, k, .keyName, bold: true)
            x = g.text(x, y, " " + label + "  ", .keybar)
        }
    }

    // MARK: - Environments

    static func environments(_ g: inout Grid, _ s: AppState, top: Int) -> Int {
        let envs = s.visibleEnvironments
        guard !envs.isEmpty else {
            g.text(
                2, top + 1,
                s.pipeline == nil
                    ? "airlock.yaml cannot be read — see the problems below"
                    : "no environment matches the filter \"\(s.filter)\"",
                .error)
            return top + 3
        }
        if envs.count * minPanelWidth <= g.width {
            return panels(&g, s, envs, top: top)
        }
        return compactTable(&g, s, envs, top: top)
    }

    static func panels(_ g: inout Grid, _ s: AppState, _ envs: [EnvironmentConfig], top: Int) -> Int {
        let n = envs.count
        let w = g.width / n
        let height = g.height >= 30 ? 10 : 8
        for (i, env) in envs.enumerated() {
            let x = i * w
            let pw = i == n - 1 ? g.width - x : w
            let selected = env.name == s.selected
            let title =
                env.name + (env.protected ? (Grid.width(of: env.name) + 12 <= pw - 6 ? " ⚑ protected" : " ⚑") : "")
            g.box(
                x, top, pw, height, selected ? .borderFocus : .border, title: title,
                titleRole: selected ? .borderFocus : .header)
            if selected {
                // A visible mark that survives monochrome: reverse the title.
                g.text(x + 2, top, " " + Grid.truncate(title, pw - 6) + " ", .selected, bold: true, reverse: true)
            }
            panelBody(&g, s, env, x: x + 2, y: top + 1, w: pw - 4, lines: height - 2)
        }
        return top + height
    }

    static func panelBody(_ g: inout Grid, _ s: AppState, _ env: EnvironmentConfig, x: Int, y: Int, w: Int, lines: Int)
    {
        let st = s.snapshot.environments[env.name]
        var rows: [(String, Role, Bool)] = []
        /// The first text that fits.
        func fit(_ options: String...) -> String {
            options.first { Grid.width(of: $0) <= w } ?? options.last ?? ""
        }
        rows.append((st?.version ?? "—", .normal, true))
        let h = Rules.health(of: st)
        rows.append(("\(healthSymbol(h)) \(h.rawValue)", healthRole(h), h != .healthy))
        if isStale(s, env) {
            let ago = st?.updatedAt.map { age(s, $0) }
            if s.snapshot.brokenEnvironments.contains(env.name) {
                rows.append((fit("◷ STALE · last good state shown", "◷ STALE · file broken", "◷ STALE"), .stale, true))
            } else {
                rows.append(
                    (
                        fit(
                            "◷ STALE · last report \(ago ?? "?") ago", "◷ STALE · \(ago ?? "?") ago",
                            "◷ STALE \(ago ?? "")"), .stale, true
                    ))
            }
        }
        if let d = st?.deployedAt {
            let by = st?.deployedBy.map { " by \($0)" } ?? ""
            rows.append(
                (fit("deployed \(age(s, d)) ago\(by)", "deployed \(age(s, d)) ago", "up \(age(s, d))"), .dim, false))
        } else if let by = st?.deployedBy {
            // Who deployed is worth showing even when the file does not say when.
            rows.append(("deployed by \(by)", .dim, false))
        } else if st == nil && !s.snapshot.problems.contains(where: { $0.path == "environments/\(env.name).yaml" }) {
            rows.append(("no status file", .dim, false))
        }
        if let st, !st.checks.isEmpty {
            let c = st.checkCounts
            var text = "checks ✓\(c[.passing] ?? 0)"
            if let n = c[.warning], n > 0 { text += " !\(n)" }
            if let n = c[.failing], n > 0 { text += " ✗\(n)" }
            if let n = c[.unknown], n > 0 { text += " ?\(n)" }
            let role: Role = (c[.failing] ?? 0) > 0 ? .down : (c[.warning] ?? 0) > 0 ? .degraded : .normal
            rows.append((text, role, false))
        }
        if let st, !st.services.isEmpty {
            let bad = st.services.filter { $0.health != nil && $0.health != .healthy }.count
            rows.append(
                (
                    bad > 0
                        ? fit(
                            "services \(st.services.count) · \(bad) not healthy",
                            "services \(bad)/\(st.services.count) unwell")
                        : "services \(st.services.count)", bad > 0 ? .degraded : .normal, false
                ))
        }
        if let r = s.snapshot.promotions[env.name] {
            if st?.version == r.version {
                rows.append(("✓ \(r.kind == .rollback ? "rollback" : "promotion") done", .dim, false))
            } else {
                rows.append(
                    ("⇢ \(r.kind == .rollback ? "rolling back to" : "deploying") \(r.version)", .inProgress, true))
                rows.append(("  asked by \(r.requestedBy) \(age(s, r.requestedAt)) ago", .inProgress, false))
            }
        }
        if s.snapshot.brokenEnvironments.contains(env.name)
            || (st == nil && s.snapshot.problems.contains { $0.path == "environments/\(env.name).yaml" })
        {
            if let p = s.snapshot.problems.first(where: { $0.path == "environments/\(env.name).yaml" }) {
                rows.append(("⚠ \(p.line.map { "line \($0): " } ?? "")\(p.message)", .error, true))
            }
        }
        if let f = s.pipeline.flatMap({ Rules.activeFreeze(on: env.name, pipeline: $0, now: s.now) }) {
            // The year shows when the freeze ends in another year than this one.
            let until = TimeFormat.formatShort(f.until, now: s.now)
            let noZone = until.dropLast(4)
            let day = until.dropLast(10)
            let text = fit(
                "❄ frozen until \(until)", "❄ frozen till \(noZone)", "❄ frozen till \(day)",
                "❄ till \(day)", "❄ frozen")
            rows.append((text, .blocked, true))
        } else if let f = s.pipeline?.freezes.filter({
            $0.environments.contains(env.name) && $0.from > s.now
                && $0.from.timeIntervalSince(s.now) <= 7 * 86400
        }).min(by: { $0.from < $1.from }) {
            // A freeze coming within a week: worth knowing before promoting.
            rows.append(
                (
                    fit(
                        "❄ \(f.reason) in \(TimeFormat.formatAge(f.from.timeIntervalSince(s.now)))",
                        "❄ freeze in \(TimeFormat.formatAge(f.from.timeIntervalSince(s.now)))"),
                    .degraded, false
                ))
        }
        for (i, row) in rows.prefix(lines).enumerated() {
            g.text(x, y + i, Grid.truncate(row.0, w), row.1, bold: row.2)
        }
    }

    static func compactTable(_ g: inout Grid, _ s: AppState, _ envs: [EnvironmentConfig], top: Int) -> Int {
        let maxRows = max(3, (g.height - 4) / 2 - 1)
        let shown = min(envs.count, maxRows)
        let sel = envs.firstIndex { $0.name == s.selected } ?? 0
        let start = max(0, min(sel - shown / 2, envs.count - shown))
        let cols = [
            ("ENVIRONMENT", 16), ("VERSION", 16), ("HEALTH", 12), ("STALE", 8), ("DEPLOYED", 10), ("REQUEST", 30),
        ]
        var x = 1
        for (name, w) in cols {
            g.text(x, top, name, .header, bold: true)
            x += w
        }
        if start > 0 { g.text(g.width - 9, top, "↑ \(start) more", .dim) }
        for (row, env) in envs[start..<(start + shown)].enumerated() {
            let y = top + 1 + row
            let st = s.snapshot.environments[env.name]
            let selected = env.name == s.selected
            if selected { g.fill(0, y, g.width, 1, .selected, reverse: true) }
            let h = Rules.health(of: st)
            var request = ""
            if let r = s.snapshot.promotions[env.name], st?.version != r.version {
                request = "⇢ \(r.version) by \(r.requestedBy)"
            }
            let values: [(String, Role)] = [
                ((selected ? "▸ " : "  ") + env.name, selected ? .selected : .normal), (st?.version ?? "—", .normal),
                ("\(healthSymbol(h)) \(h.rawValue)", healthRole(h)), (isStale(s, env) ? "STALE" : "", .stale),
                (st?.deployedAt.map { age(s, $0) } ?? "", .dim), (request, .inProgress),
            ]
            x = 1
            for ((text, role), (_, w)) in zip(values, cols) {
                g.text(x, y, Grid.truncate(text, w - 1), role, bold: selected, reverse: selected, maxWidth: w - 1)
                x += w
            }
        }
        if start + shown < envs.count {
            g.text(g.width - 10, top + shown, "↓ \(envs.count - start - shown) more", .dim)
        }
        return top + shown + 2
    }

    // MARK: - Pending promotions and problems

    struct PendingLine {
        var text: String
        var role: Role
        var bold = false
        var selected = false
        var indent = 0
        var badge: (String, Role)?
    }

    static func pendingAndProblems(_ g: inout Grid, _ s: AppState, top: Int, bottom: Int) {
        let problems = s.snapshot.problems
        let problemRows = problems.isEmpty ? 0 : min(problems.count, 3) + 1 + (problems.count > 3 ? 1 : 0)
        let pendingBottom = bottom - problemRows
        let rows = s.visiblePending
        var lines: [PendingLine] = []
        for p in rows {
            let selected = p.to == s.selected
            lines.append(
                PendingLine(
                    text: "\(selected ? "▸" : " ") \(p.version)  \(p.from) → \(p.to)", role: .normal, bold: true,
                    selected: selected, badge: (stateWord(p.state), stateRole(p.state))))
            if p.state == .inProgress, let r = s.snapshot.promotions[p.to] {
                lines.append(
                    PendingLine(
                        text:
                            "· requested by \(r.requestedBy) \(age(s, r.requestedAt)) ago; waiting for \(p.to) to report it",
                        role: .inProgress, indent: 4))
            }
            for b in p.blockers {
                lines.append(
                    PendingLine(text: "· \(b.explanation(now: s.now, titles: [:]))", role: .blocked, indent: 4))
            }
        }
        g.text(1, top, "Pending promotions" + (rows.isEmpty ? "" : " (\(rows.count))"), .header, bold: true)
        var y = top + 1
        if rows.isEmpty {
            g.text(
                3, y,
                s.filter.isEmpty
                    ? "nothing is waiting: every environment runs the newest release of the one before it"
                    : "no pending promotion matches the filter", .dim)
        }
        // Scroll by whole promotions, so the selected one (with its blockers) stays in view.
        let space = max(1, pendingBottom - y)
        var starts: [Int] = []
        for (i, line) in lines.enumerated() where line.badge != nil { starts.append(i) }
        var first = 0
        if let sel = lines.firstIndex(where: { $0.selected }), let k = starts.firstIndex(of: sel) {
            let selEnd = k + 1 < starts.count ? starts[k + 1] : lines.count
            for start in starts where start <= sel {
                if selEnd - start <= space || start == sel {
                    first = start
                    break
                }
            }
        }
        let hiddenAbove = starts.filter { $0 < first }.count
        if hiddenAbove > 0 { g.text(g.width - 14, top, "↑ \(hiddenAbove) more", .dim) }
        var shownItems = 0
        for line in lines.dropFirst(first) {
            guard y < pendingBottom else { break }
            if line.badge != nil { shownItems += 1 }
            if line.selected { g.fill(0, y, g.width, 1, .selected, reverse: true) }
            let end = g.text(
                1 + line.indent, y, Grid.truncate(line.text, g.width - 16 - line.indent),
                line.selected ? .selected : line.role,
                bold: line.bold, reverse: line.selected)
            if let (word, role) = line.badge {
                g.text(max(end + 2, 36), y, word, role, bold: true)
            }
            y += 1
        }
        let hiddenBelow = starts.count - hiddenAbove - shownItems
        if hiddenBelow > 0 && y >= pendingBottom {
            g.text(g.width - 14, pendingBottom - 1, "↓ \(hiddenBelow) more", .dim)
        }
        // Recent activity from the audit log, when there is room.
        let room = pendingBottom - y - 1
        if room >= 3, !s.snapshot.audit.isEmpty {
            y += 1
            g.text(1, y, "Recent activity", .header, bold: true)
            y += 1
            for e in s.snapshot.audit.suffix(room - 1).reversed() where y < pendingBottom {
                g.text(
                    3, y,
                    Grid.truncate(
                        "\(age(s, e.at)) ago".padding(toLength: 10, withPad: " ", startingAt: 0) + activityText(e),
                        g.width - 4),
                    e.action == .rollback ? .degraded : .dim)
                y += 1
            }
        }
        if !problems.isEmpty {
            var py = bottom - problemRows
            g.text(1, py, "⚠ Problems (\(problems.count)) — run airlock check for the full list", .error, bold: true)
            py += 1
            for p in problems.prefix(3) {
                g.text(3, py, Grid.truncate(p.description, g.width - 4), .error)
                py += 1
            }
            if problems.count > 3 { g.text(3, py, "… \(problems.count - 3) more", .dim) }
        }
    }

    static func activityText(_ e: AuditEntry) -> String {
        switch e.action {
        case .promote:
            return "\(e.actor) promoted \(e.version) into \(e.environment ?? "?")"
                + (e.previous.map { " (was \($0))" } ?? "")
        case .rollback:
            return "\(e.actor) rolled \(e.environment ?? "?") back to \(e.version)"
                + (e.previous.map { " (from \($0))" } ?? "")
        case .approve: return "\(e.actor) approved \(e.version) for \(e.environment ?? "?")"
        case .check: return "\(e.actor) ticked \(e.item ?? "?") of \(e.version)"
        case .uncheck: return "\(e.actor) unticked \(e.item ?? "?") of \(e.version)"
        }
    }

    // MARK: - Overlays

    static func overlayFrame(_ g: inout Grid, title: String, width: Int? = nil, height: Int? = nil) -> (
        x: Int, y: Int, w: Int, h: Int
    ) {
        let w = min(g.width - 4, width ?? 100)
        let h = min(g.height - 3, height ?? (g.height - 3))
        let x = (g.width - w) / 2
        let y = max(1, (g.height - 1 - h) / 2)
        g.fill(x, y, w, h, .overlay)
        g.box(x, y, w, h, .borderFocus, title: title, titleRole: .header)
        return (x, y, w, h)
    }

    static func scrolledLines(
        _ g: inout Grid, _ lines: [(String, Role, Bool)], frame: (x: Int, y: Int, w: Int, h: Int), scroll: Int
    ) {
        let inner = frame.h - 2
        let maxScroll = max(0, lines.count - inner)
        let start = min(scroll, maxScroll)
        for (i, line) in lines.dropFirst(start).prefix(inner).enumerated() {
            g.text(frame.x + 2, frame.y + 1 + i, Grid.truncate(line.0, frame.w - 4), line.1, bold: line.2)
        }
        if maxScroll > 0 {
            let label = " \(start + 1)-\(min(lines.count, start + inner)) of \(lines.count) "
            g.text(frame.x + frame.w - Grid.width(of: label) - 2, frame.y + frame.h - 1, label, .dim)
        }
    }

    static func draw(_ o: Overlay, _ g: inout Grid, _ s: AppState) {
        switch o {
        case .help(let scroll):
            let width = min(g.width - 4, 120)
            let lines = helpLines().flatMap { line in
                wrap(line.0, width: width - 4, indent: line.1 == .dim ? 0 : 27).map { ($0, line.1, line.2) }
            }
            let f = overlayFrame(&g, title: "Help — every key", width: width, height: lines.count + 2)
            scrolledLines(&g, lines, frame: f, scroll: scroll)
        case .details(let env, let scroll):
            let lines = detailLines(s, env)
            let f = overlayFrame(&g, title: "Details: \(env)", height: lines.count + 2)
            scrolledLines(&g, lines, frame: f, scroll: scroll)
        case .checklist(let version, let target, let cursor):
            checklist(&g, s, version: version, target: target, cursor: cursor)
        case .log(let scroll):
            logView(&g, s, scroll: scroll)
        case .drift(let env):
            drift(&g, s, env)
        case .confirm(let c):
            let f = overlayFrame(&g, title: "Confirm", width: 64, height: c.typeToConfirm == nil ? 6 : 8)
            g.text(f.x + 2, f.y + 2, Grid.truncate(c.prompt, f.w - 4), .normal, bold: true)
            if let name = c.typeToConfirm {
                let note = "\(name) is protected: type its name to confirm."
                g.text(f.x + 2, f.y + 3, Grid.truncate(note, f.w - 4), .degraded)
                let x = g.text(f.x + 2, f.y + 5, "> ", .accent, bold: true)
                // The end of what was typed, so the cursor stays inside the border however long it gets.
                let end = g.text(x, f.y + 5, tail(c.typed, f.x + f.w - 3 - x), .normal, bold: true)
                g.text(end, f.y + 5, "▏", .accent)
            } else {
                g.text(f.x + 2, f.y + 3, "y to confirm, n or Esc to cancel", .dim)
            }
        case .pickRollback(let env, let versions, let cursor):
            let f = overlayFrame(&g, title: "Roll \(env) back to", width: 60, height: min(versions.count, 20) + 4)
            g.text(
                f.x + 2, f.y + 1, "\(env) runs \(s.snapshot.environments[env]?.version ?? "—"); earlier releases:", .dim
            )
            for (i, v) in versions.enumerated() where f.y + 2 + i < f.y + f.h - 1 {
                let selected = i == cursor
                if selected { g.fill(f.x + 1, f.y + 2 + i, f.w - 2, 1, .selected, reverse: true) }
                let notes = s.snapshot.releases[v]?.notes.map { "  " + $0 } ?? ""
                g.text(
                    f.x + 2, f.y + 2 + i, Grid.truncate((selected ? "▸ " : "  ") + v + notes, f.w - 4),
                    selected ? .selected : .normal,
                    bold: selected, reverse: selected)
            }
        case .filter(let text):
            let y = g.height - 2
            g.fill(0, y, g.width, 1, .normal)
            let x = g.text(1, y, "/", .accent, bold: true)
            let end = g.text(x, y, text, .normal, bold: true)
            g.text(end, y, "▏", .accent)
        }
    }

    /// The end of `s` in at most `max` columns (starting with … when cut): typed text, whose end matters.
    static func tail(_ s: String, _ max: Int) -> String {
        guard max > 0 else { return "" }
        guard Grid.width(of: s) > max else { return s }
        var out: [Unicode.Scalar] = []
        var w = 1
        for u in Sanitize.line(s).unicodeScalars.reversed() {
            let cw = Grid.width(of: u)
            if w + cw > max { break }
            out.append(u)
            w += cw
        }
        var view = String.UnicodeScalarView()
        view.append("…")
        view.append(contentsOf: out.reversed())
        return String(view)
    }

    /// Quitting while a hook runs: wait for it, or stop it.
    public static func hookQuitQuestion(_ g: inout Grid, program: String, running: TimeInterval) {
        let f = overlayFrame(&g, title: "A hook is running", width: 64, height: 7)
        let lines: [(String, Role, Bool)] = [
            ("The hook \(program) has run for \(TimeFormat.formatAge(running)).", .normal, true),
            ("w  wait for it to finish, then quit", .normal, false),
            ("s  stop it (TERM to its process group, KILL after 5 s) and quit", .degraded, false),
            ("Esc  keep working", .dim, false),
        ]
        for (i, line) in lines.enumerated() where f.y + 1 + i < f.y + f.h - 1 {
            g.text(f.x + 2, f.y + 1 + i, Grid.truncate(line.0, f.w - 4), line.1, bold: line.2)
        }
    }

    /// The audit log, newest first: only what the view has read of it (a page plus a margin), never the whole log.
    static func logView(_ g: inout Grid, _ s: AppState, scroll: Int) {
        let page = s.logPage
        let entries = page?.entries ?? []
        var lines: [(String, Role, Bool)] = entries.map { e in
            let text = "\(TimeFormat.formatTimestamp(e.at))  \(e.actor)  \(e.action.rawValue) \(e.details(arrow: "→"))"
            let role: Role = e.action == .rollback ? .degraded : e.action == .promote ? .accent : .normal
            return (text, role, e.action == .promote || e.action == .rollback)
        }
        if let error = page?.error {
            lines = [(error, .error, false)]
        } else if lines.isEmpty {
            let empty = page?.reachedStart == true
            lines = [
                (
                    empty
                        ? (s.filter.isEmpty ? "the audit log is empty" : "no entry matches the filter")
                        : "reading the audit log… (↓ reads further back)", .dim, false
                )
            ]
        }
        let f = overlayFrame(&g, title: "Audit log — newest first", height: lines.count + 2)
        let inner = f.h - 2
        let start = min(scroll, max(0, lines.count - inner))
        for (i, line) in lines.dropFirst(start).prefix(inner).enumerated() {
            g.text(f.x + 2, f.y + 1 + i, Grid.truncate(line.0, f.w - 4), line.1, bold: line.2)
        }
        let more = page.map { !$0.reachedStart } ?? false
        if lines.count > inner || more {
            let total = more ? "\(entries.count)+, ↓ reads older" : "\(entries.count)"
            let label = " \(start + 1)-\(min(lines.count, start + inner)) of \(total) "
            g.text(f.x + f.w - Grid.width(of: label) - 2, f.y + f.h - 1, label, .dim)
        }
    }

    /// Breaks text into lines of at most `width` columns at spaces; continuation lines start `indent` columns in.
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        guard Grid.width(of: text) > width, width > indent + 10 else { return [text] }
        var out: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if Grid.width(of: candidate) > width && !line.trimmingCharacters(in: .whitespaces).isEmpty {
                out.append(line)
                line = String(repeating: " ", count: indent) + word
            } else {
                line = candidate
            }
        }
        out.append(line)
        return out
    }

    static func helpLines() -> [(String, Role, Bool)] {
        let keys: [(String, String)] = [
            ("Tab / Shift-Tab, ← →, h l", "move between environment panels"),
            ("↑ ↓, j k", "move within a list (pending promotions, checklist, log)"),
            ("Enter", "details of the selection: release notes, checks, services, flags"),
            ("p", "promote the pending release into the selected environment (protected: type its name)"),
            ("a", "approve the selected release for the selected environment"),
            ("c", "checklist of the selected release; Space ticks or unticks an item"),
            ("r", "roll back the selected environment to the version it ran before (or choose one)"),
            ("L", "audit log"),
            ("d", "drift: the selected environment beside the next (versions, flags, config, schema)"),
            ("/", "filter environments and promotions by name or version"),
            ("t", "next theme"),
            ("?", "this help"),
            ("Esc", "close the top view (or clear the filter)"),
            ("q", "quit"),
            ("Ctrl-L", "repaint the whole screen"),
        ]
        var lines: [(String, Role, Bool)] = []
        for (k, v) in keys {
            lines.append(("\(k.padding(toLength: 26, withPad: " ", startingAt: 0)) \(v)", .normal, false))
        }
        lines.append(("", .normal, false))
        lines.append(
            (
                "States: READY (nothing blocks), BLOCKED (reasons listed), IN PROGRESS (requested, not yet running).",
                .dim, false
            ))
        lines.append(
            (
                "Health: ✓ healthy  ! degraded  ✗ down  ? unknown.  STALE: no fresh report, or a broken status file.",
                .dim, false
            ))
        lines.append(
            (
                "Title bar: who you are, git sync (with sync.git), inotify or polling, when the files were last read.",
                .dim, false
            ))
        return lines
    }

    static func detailLines(_ s: AppState, _ env: String) -> [(String, Role, Bool)] {
        var out: [(String, Role, Bool)] = []
        let st = s.snapshot.environments[env]
        let cfg = s.pipeline?.environment(named: env)
        out.append(
            (
                "\(env)"
                    + (cfg?.protected == true
                        ? " (protected; approvers: \(cfg?.approvers.joined(separator: ", ") ?? ""))" : ""),
                .header, true
            ))
        guard let st else {
            out.append(("no status file (environments/\(env).yaml)", .dim, false))
            return out
        }
        let h = Rules.health(of: st)
        out.append(
            (
                "version \(st.version ?? "—")  ·  \(healthSymbol(h)) \(h.rawValue)"
                    + (st.schemaVersion.map { "  ·  schema \($0)" } ?? ""), healthRole(h), false
            ))
        if let d = st.deployedAt {
            out.append(
                (
                    "deployed \(TimeFormat.formatTimestamp(d)) (\(age(s, d)) ago)"
                        + (st.deployedBy.map { " by \($0)" } ?? ""), .normal, false
                ))
        } else if let by = st.deployedBy {
            out.append(("deployed by \(by) (the file does not say when)", .normal, false))
        }
        if let u = st.updatedAt {
            out.append(("last report \(TimeFormat.formatTimestamp(u)) (\(age(s, u)) ago)", .normal, false))
        }
        for p in s.snapshot.problems where p.path == "environments/\(env).yaml" {
            out.append(("⚠ \(p.description)", .error, true))
        }
        if let r = s.snapshot.promotions[env] {
            let done = st.version == r.version
            out.append(
                (
                    "last request: \(r.kind.rawValue) of \(r.version)" + (r.from.map { " from \($0)" } ?? "")
                        + " by \(r.requestedBy) \(age(s, r.requestedAt)) ago — \(done ? "done" : "in progress")"
                        + (r.reason.map { " (\($0))" } ?? ""), done ? .dim : .inProgress, !done
                ))
        }
        if let v = st.version, let r = s.snapshot.releases[v] {
            out.append(("", .normal, false))
            out.append(("Release \(v)", .header, true))
            if let n = r.notes { out.append((n, .normal, false)) }
            if let c = r.createdAt { out.append(("created \(TimeFormat.formatTimestamp(c))", .dim, false)) }
        }
        if let p = s.pending.first(where: { $0.to == env }) {
            out.append(("", .normal, false))
            out.append(
                ("Waiting to enter: \(p.version) from \(p.from) — \(stateWord(p.state))", stateRole(p.state), true))
            if let n = s.snapshot.releases[p.version]?.notes { out.append(("  \(n)", .normal, false)) }
            for b in p.blockers {
                out.append(("  · \(b.code): \(b.explanation(now: s.now, titles: s.titles))", .blocked, false))
            }
        }
        out.append(("", .normal, false))
        out.append(("Checks (\(st.checks.count))", .header, true))
        for c in st.checks {
            let role: Role =
                c.status == .passing
                ? .healthy : c.status == .warning ? .degraded : c.status == .failing ? .down : .unknown
            out.append(
                (
                    "  \(c.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(c.name)"
                        + (c.detail.map { " — \($0)" } ?? ""), role, false
                ))
        }
        if !st.services.isEmpty {
            out.append(("", .normal, false))
            out.append(("Services (\(st.services.count))", .header, true))
            for sv in st.services.prefix(200) {
                let hh = sv.health ?? .unknown
                out.append(("  \(healthSymbol(hh)) \(sv.name) \(sv.version ?? "")", healthRole(hh), false))
            }
            if st.services.count > 200 { out.append(("  … \(st.services.count - 200) more", .dim, false)) }
        }
        if !st.flags.isEmpty {
            out.append(("", .normal, false))
            out.append(("Flags", .header, true))
            for f in st.flags { out.append(("  \(f.name) = \(f.value)", .normal, false)) }
        }
        if !st.config.isEmpty {
            out.append(("", .normal, false))
            out.append(("Config", .header, true))
            for c in st.config { out.append(("  \(c.name) = \(c.value)", .normal, false)) }
        }
        return out
    }

    static func checklist(_ g: inout Grid, _ s: AppState, version: String, target: String?, cursor: Int) {
        let f = overlayFrame(
            &g, title: "Checklist: \(version)" + (target.map { " → \($0)" } ?? ""),
            height: Update.checklistRows(s).count + 5)
        guard let release = s.snapshot.releases[version] else {
            g.text(f.x + 2, f.y + 2, "no release file releases/\(version).yaml: CI creates it; nothing to tick", .error)
            return
        }
        let gates = Set(target.flatMap { s.pipeline?.environment(named: $0)?.gates } ?? [])
        let items = Update.checklistRows(s)
        var y = f.y + 1
        if let n = release.notes {
            g.text(f.x + 2, y, Grid.truncate(n, f.w - 4), .dim)
            y += 1
        }
        g.text(f.x + 2, y, "★ = required to enter \(target ?? "the next environment")", .dim)
        y += 1
        let inner = f.y + f.h - 1 - y
        let start = max(0, min(cursor - inner + 1, items.count - inner))
        for (i, item) in items.enumerated().dropFirst(start).prefix(max(0, inner)) {
            let selected = i == cursor
            var done = release.isDone(item.id)
            var who = ""
            if item.computed, let env = target.flatMap({ s.pipeline?.environment(named: $0) }) {
                let have = Rules.approvals(of: release, for: env)
                done = have.count >= env.requiredApprovals
                who =
                    "approvals \(have.count)/\(env.requiredApprovals)"
                    + (have.isEmpty ? "" : ": " + have.map(\.by).joined(separator: ", "))
            } else if let e = release.checklist[item.id] {
                if let by = e.by {
                    who = "\(e.done ? "done" : "undone") by \(by)" + (e.at.map { " \(age(s, $0)) ago" } ?? "")
                }
                if let note = e.note { who += (who.isEmpty ? "" : " · ") + note }
            }
            let mark = done ? "[x]" : "[ ]"
            let star = gates.contains(item.id) ? "★" : " "
            if selected { g.fill(f.x + 1, y, f.w - 2, 1, .selected, reverse: true) }
            let role: Role = selected ? .selected : done ? .healthy : gates.contains(item.id) ? .blocked : .normal
            var x = g.text(
                f.x + 1, y, "\(selected ? "▸" : " ")\(star) \(mark) ", role, bold: gates.contains(item.id),
                reverse: selected)
            x = g.text(
                x, y, Grid.truncate(item.title + (item.computed ? " (computed)" : ""), max(10, f.w / 2)),
                selected ? .selected : .normal,
                reverse: selected)
            if !who.isEmpty {
                g.text(x + 2, y, Grid.truncate(who, f.x + f.w - x - 5), selected ? .selected : .dim, reverse: selected)
            }
            y += 1
        }
    }

    static func drift(_ g: inout Grid, _ s: AppState, _ env: String) {
        guard let p = s.pipeline, let i = p.index(of: env), i + 1 < p.environments.count else { return }
        let next = p.environments[i + 1].name
        let a = s.snapshot.environments[env]
        let b = s.snapshot.environments[next]
        let keyCount =
            Set((a?.flags ?? []).map(\.name) + (b?.flags ?? []).map(\.name)).count
            + Set((a?.config ?? []).map(\.name) + (b?.config ?? []).map(\.name)).count
        let f = overlayFrame(&g, title: "Drift: \(env) ↔ \(next)", height: keyCount + 8)
        let colW = (f.w - 4) / 3
        var rows: [(String, String, String, Role)] = []
        func row(_ k: String, _ x: String?, _ y: String?) {
            let role: Role = x == y ? .normal : x == nil ? .added : y == nil ? .removed : .changed
            rows.append((k, x ?? "—", y ?? "—", role))
        }
        row("version", a?.version, b?.version)
        row("schema_version", a?.schemaVersion.map(String.init), b?.schemaVersion.map(String.init))
        row("health", Rules.health(of: a).rawValue, Rules.health(of: b).rawValue)
        func merged(_ l: [(name: String, value: String)], _ r: [(name: String, value: String)], prefix: String) {
            var keys: [String] = []
            for k in l.map(\.name) + r.map(\.name) where !keys.contains(k) { keys.append(k) }
            for k in keys {
                row(prefix + k, l.first { $0.name == k }?.value, r.first { $0.name == k }?.value)
            }
        }
        merged(a?.flags ?? [], b?.flags ?? [], prefix: "flag ")
        merged(a?.config ?? [], b?.config ?? [], prefix: "config ")
        var svcDiff = 0
        if let a, let b {
            let bv = Dictionary(b.services.map { ($0.name, $0.version ?? "") }, uniquingKeysWith: { x, _ in x })
            for sv in a.services where bv[sv.name] != (sv.version ?? "") { svcDiff += 1 }
        }
        var y = f.y + 1
        g.text(f.x + 2, y, "".padding(toLength: colW, withPad: " ", startingAt: 0), .header)
        g.text(f.x + 2 + colW, y, env, .header, bold: true)
        g.text(f.x + 2 + 2 * colW, y, next, .header, bold: true)
        y += 1
        let differing = rows.filter { $0.1 != $0.2 }.count
        for r in rows where y < f.y + f.h - 2 {
            let mark = r.1 == r.2 ? "  " : "≠ "
            g.text(f.x + 2, y, Grid.truncate(mark + r.0, colW - 1), r.3, bold: r.1 != r.2)
            g.text(f.x + 2 + colW, y, Grid.truncate(r.1, colW - 1), r.3)
            g.text(f.x + 2 + 2 * colW, y, Grid.truncate(r.2, colW - 1), r.3)
            y += 1
        }
        let summary =
            "\(differing) of \(rows.count) differ" + (svcDiff > 0 ? " · \(svcDiff) service version(s) differ" : "")
        g.text(f.x + 2, f.y + f.h - 2, summary, differing > 0 ? .changed : .healthy, bold: true)
    }
}
