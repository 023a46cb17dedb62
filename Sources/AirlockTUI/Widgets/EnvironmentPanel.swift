// One environment panel's body: version, health, staleness, deployment, checks, services, request, problem, freeze.

import AirlockCore
import Foundation

struct EnvironmentPanel: Widget {
    let state: AppState
    let environment: EnvironmentConfig

    func draw(in area: Rect, on grid: inout Grid) {
        grid.draw(lines(width: area.width), in: area)
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
        if let r = s.snapshot.promotions[env.name] {
            let what = r.kind == .rollback ? "rollback" : "promotion"
            if requestIsDone(r, st) {
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
        if let f = activeFreeze() {
            // The year shows when the freeze ends in another year than this one.
            let until = TimeFormat.formatShort(f.until, now: s.now)
            let noZone = until.dropLast(4)
            let day = until.dropLast(10)
            let text = fit(
                "❄ frozen until \(until)", "❄ frozen till \(noZone)", "❄ frozen till \(day)", "❄ till \(day)",
                "❄ frozen")
            rows.append(Line(text, .blocked, bold: true))
        } else if let f = freezeWithinAWeek() {
            // A freeze coming within a week: worth knowing before promoting.
            let wait = TimeFormat.formatAge(f.from.timeIntervalSince(s.now))
            rows.append(Line(fit("❄ \(f.reason) in \(wait)", "❄ freeze in \(wait)"), .degraded))
        }
        return rows
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

    /// Whether the environment reports the version its last request asked for (a fact the core will own).
    private func requestIsDone(_ request: PromotionRequest, _ status: EnvironmentStatus?) -> Bool {
        status?.version == request.version
    }

    /// The freeze in force on this environment now (a fact the core will own).
    private func activeFreeze() -> Freeze? {
        state.pipeline.flatMap { Rules.activeFreeze(on: environment.name, pipeline: $0, now: state.now) }
    }

    /// The first freeze starting within seven days (a fact the core will own).
    private func freezeWithinAWeek() -> Freeze? {
        let now = state.now
        return state.pipeline?.freezes.filter {
            $0.environments.contains(environment.name) && $0.from > now && $0.from.timeIntervalSince(now) <= 7 * 86400
        }.min { $0.from < $1.from }
    }
}
