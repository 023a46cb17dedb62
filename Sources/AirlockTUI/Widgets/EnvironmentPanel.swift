// One environment panel's body: version, health, staleness, deployment, checks, services, request, problem, freeze,
// deploy window; then, in the rows left, what a roomy panel adds.

import AirlockCore
import Foundation

struct EnvironmentPanel: Widget {
    let state: AppState
    let environment: EnvironmentConfig

    func draw(in area: Rect, on grid: inout Grid) {
        grid.draw(rows(width: area.width, height: area.height), in: area)
    }

    /// The rows shown in a body of this size: every row that applies, then what a roomy panel adds (PanelExtras)
    /// in the rows left.
    func rows(width: Int, height: Int) -> [Line] {
        let first = lines(width: width)
        return first + extras.fitted(width: width, rows: height - first.count)
    }

    /// Rows the body takes to show everything it has.
    func wantedRows(width: Int) -> Int {
        lines(width: width).count + extras.wanted(width: width)
    }

    private var extras: PanelExtras {
        PanelExtras(facts: state.panels[environment.name] ?? PanelFacts(), now: state.now)
    }

    /// Every row that applies, most important first; the panel shows as many as fit.
    func lines(width w: Int) -> [Line] {
        let s = state
        let env = environment
        let st = s.snapshot.environments[env.name]
        let fileProblem = s.snapshot.problems.first { $0.path == "environments/\(env.name).yaml" }
        /// The first text that fits.
        func fit(_ options: String...) -> String {
            options.first { Grid.width(of: $0) <= w } ?? options.last ?? ""
        }
        func age(_ d: Date?) -> String { Symbols.age(s.now, d) }
        var rows: [Line] = []
        rows.append(Line(st?.version ?? "—", .normal, bold: true))
        let h = Rules.health(of: st)
        rows.append(Line(Symbols.health(h), Symbols.healthRole(h), bold: h != .healthy))
        if Rules.isStale(env, in: s.snapshot, now: s.now) {
            let ago = st?.updatedAt.map { age($0) }
            if s.snapshot.brokenEnvironments.contains(env.name) {
                let text = fit("◷ STALE · last good state shown", "◷ STALE · file broken", "◷ STALE")
                rows.append(Line(text, .stale, bold: true))
            } else {
                let text = fit(
                    "◷ STALE · last report \(ago ?? "?") ago", "◷ STALE · \(ago ?? "?") ago",
                    "◷ STALE \(ago ?? "")")
                rows.append(Line(text, .stale, bold: true))
            }
        }
        if let d = st?.deployedAt {
            let by = st?.deployedBy.map { " by \($0)" } ?? ""
            rows.append(Line(fit("deployed \(age(d)) ago\(by)", "deployed \(age(d)) ago", "up \(age(d))"), .dim))
        } else if let by = st?.deployedBy {
            // Who deployed is worth showing even when the file does not say when.
            rows.append(Line("deployed by \(by)", .dim))
        } else if st == nil && fileProblem == nil {
            rows.append(Line("no status file", .dim))
        }
        if let st, !st.checks.isEmpty { rows.append(checksLine(st)) }
        if let st, !st.services.isEmpty {
            let bad = st.services.filter { $0.health != nil && $0.health != .healthy }.count
            let text =
                bad > 0
                ? fit(
                    "services \(st.services.count) · \(bad) not healthy",
                    "services \(bad)/\(st.services.count) unwell")
                : "services \(st.services.count)"
            rows.append(Line(text, bad > 0 ? .degraded : .normal))
        }
        if let (r, progress) = Facts.request(on: env.name, in: s.snapshot) {
            let what = r.kind == .rollback ? "rollback" : "promotion"
            if progress == .done {
                rows.append(Line("✓ \(what) done", .dim))
            } else {
                let doing = r.kind == .rollback ? "rolling back to" : "deploying"
                rows.append(Line("⇢ \(doing) \(r.version)", .inProgress, bold: true))
                rows.append(Line("  asked by \(r.requestedBy) \(age(r.requestedAt)) ago", .inProgress))
            }
        }
        if s.snapshot.brokenEnvironments.contains(env.name) || st == nil, let p = fileProblem {
            rows.append(Line("⚠ \(p.line.map { "line \($0): " } ?? "")\(p.message)", .error, bold: true))
        }
        switch s.pipeline.flatMap({ Facts.freezeNotice(on: env.name, pipeline: $0, now: s.now) }) {
        case .active(let f):
            // The year shows when the freeze ends in another year than this one.
            let until = TimeFormat.formatShort(f.until, now: s.now)
            let noZone = until.dropLast(4)
            let day = until.dropLast(10)
            let text = fit(
                "❄ frozen until \(until)", "❄ frozen till \(noZone)", "❄ frozen till \(day)", "❄ till \(day)",
                "❄ frozen")
            rows.append(Line(text, .blocked, bold: true))
        case .upcoming(let f, let startsIn):
            // A freeze coming soon: worth knowing before promoting.
            let wait = TimeFormat.formatAge(startsIn)
            rows.append(Line(fit("❄ \(f.reason) in \(wait)", "❄ freeze in \(wait)"), .degraded))
        case nil:
            break
        }
        if let row = windowRow(fit) { rows.append(row) }
        if let h = s.snapshot.holds[env.name] {  // a hold on auto-promotion (Snapshot.holds)
            let by = "held by \(h.by) since \(TimeFormat.formatShort(h.at, now: s.now))"
            let how = "airlock resume \(env.name)"
            let text = fit("⏸ auto-promotion \(by) · \(how)", "⏸ \(by) · \(how)", "⏸ \(by)", "⏸ held")
            rows.append(Line(text, .blocked))
        }
        return rows
    }

    /// Deploy windows: when the next one opens while all are closed, how long the open one lasts.
    private func windowRow(_ fit: (String...) -> String) -> Line? {
        let s = state
        switch s.pipeline.flatMap({ Facts.windowNotice(on: environment.name, pipeline: $0, now: s.now) }) {
        case .closed(let w, let opens)?:
            guard let opens else { return Line(fit("window \(w.name) never opens", "no window opens"), .blocked) }
            let wait = TimeFormat.formatAge(opens.timeIntervalSince(s.now))
            let text = fit("window closed · \(w.name) opens in \(wait)", "window opens in \(wait)", "opens in \(wait)")
            return Line(text, .blocked, bold: true)
        case .open(let w, let closes)?:
            guard let closes else { return Line(fit("window \(w.name) open", "window open"), .dim) }
            let left = TimeFormat.formatAge(closes.timeIntervalSince(s.now))
            let text = fit("window \(w.name) open · \(left) left", "window open · \(left) left", "window open")
            return Line(text, .dim)
        case nil:
            return nil
        }
    }

    private func checksLine(_ st: EnvironmentStatus) -> Line {
        let c = st.checkCounts
        var text = "checks ✓\(c[.passing] ?? 0)"
        if let n = c[.warning], n > 0 { text += " !\(n)" }
        if let n = c[.failing], n > 0 { text += " ✗\(n)" }
        if let n = c[.unknown], n > 0 { text += " ?\(n)" }
        let role: Role = (c[.failing] ?? 0) > 0 ? .down : (c[.warning] ?? 0) > 0 ? .degraded : .normal
        return Line(text, role)
    }
}
