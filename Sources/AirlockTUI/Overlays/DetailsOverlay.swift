// Details of one environment: facts, status, last request, running and waiting release, checks, services, flags.

import AirlockCore
import AirlockStore
import Foundation

struct DetailsOverlay: OverlayWidget {
    let state: AppState
    let environment: String
    let scroll: Int

    func draw(on grid: inout Grid) {
        let lines = self.lines()
        let frame = OverlayFrame.draw(on: &grid, title: "Details: \(environment)", height: lines.count + 2)
        ScrolledText(lines: lines, offset: scroll).draw(in: frame, on: &grid)
    }

    func lines() -> [Line] {
        let s = state
        let env = environment
        var out: [Line] = []
        let st = s.snapshot.environments[env]
        let cfg = s.pipeline?.environment(named: env)
        let approvers = cfg?.approvers.joined(separator: ", ") ?? ""
        out.append(
            Line(env + (cfg?.protected == true ? " (protected; approvers: \(approvers))" : ""), .header, bold: true))
        // What airlock.yaml says the environment is (`facts`), before what it reports.
        for f in cfg?.facts ?? [] { out.append(Line([Span("  \(f.name): ", .dim), Span(Sanitize.value(f.value))])) }
        guard let st else {
            out.append(Line("no status file (environments/\(env).yaml)", .dim))
            return out
        }
        let h = Rules.health(of: st)
        let schema = st.schemaVersion.map { "  ·  schema \($0)" } ?? ""
        out.append(Line("version \(st.version ?? "—")  ·  \(Symbols.health(h))" + schema, Symbols.healthRole(h)))
        if let d = st.deployedAt {
            let by = st.deployedBy.map { " by \($0)" } ?? ""
            out.append(Line("deployed \(TimeFormat.formatTimestamp(d)) (\(age(d)) ago)" + by))
        } else if let by = st.deployedBy {
            out.append(Line("deployed by \(by) (the file does not say when)"))
        }
        if let u = st.updatedAt { out.append(Line("last report \(TimeFormat.formatTimestamp(u)) (\(age(u)) ago)")) }
        for p in s.snapshot.problems where p.path == "environments/\(env).yaml" {
            out.append(Line("⚠ \(p.description)", .error, bold: true))
        }
        if let r = s.snapshot.promotions[env] { out.append(requestLine(r, st)) }
        if let v = st.version, let r = s.snapshot.releases[v] {
            out += [.blank, Line("Release \(v)", .header, bold: true)]
            if let n = r.notes { out.append(Line(n)) }
            if let c = r.createdAt { out.append(Line("created \(TimeFormat.formatTimestamp(c))", .dim)) }
        }
        if let p = s.pending.first(where: { $0.to == env }) { out += waitingLines(p) }
        out += [.blank, Line("Checks (\(st.checks.count))", .header, bold: true)]
        for c in st.checks {
            let role: Role =
                c.status == .passing
                ? .healthy : c.status == .warning ? .degraded : c.status == .failing ? .down : .unknown
            let status = c.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            out.append(Line("  \(status) \(c.name)" + (c.detail.map { " — \($0)" } ?? ""), role))
        }
        out += serviceLines(st)
        if !st.flags.isEmpty {
            out += [.blank, Line("Flags", .header, bold: true)]
            for f in st.flags { out.append(Line("  \(f.name) = \(f.value)")) }
        }
        if !st.config.isEmpty {
            out += [.blank, Line("Config", .header, bold: true)]
            for c in st.config { out.append(Line("  \(c.name) = \(c.value)")) }
        }
        return out
    }

    private func age(_ d: Date) -> String { Symbols.age(state.now, d) }

    private func requestLine(_ r: PromotionRequest, _ st: EnvironmentStatus) -> Line {
        let done = Facts.progress(of: r, observed: st) == .done
        let text =
            "last request: \(r.kind.rawValue) of \(r.version)" + (r.from.map { " from \($0)" } ?? "")
            + " by \(r.requestedBy) \(age(r.requestedAt)) ago — \(done ? "done" : "in progress")"
            + (r.reason.map { " (\($0))" } ?? "")
        return Line(text, done ? .dim : .inProgress, bold: !done)
    }

    private func waitingLines(_ p: PendingPromotion) -> [Line] {
        let word = Symbols.stateWord(p.state)
        var out: [Line] = [
            .blank,
            Line("Waiting to enter: \(p.version) from \(p.from) — \(word)", Symbols.stateRole(p.state), bold: true),
        ]
        if let n = state.snapshot.releases[p.version]?.notes { out.append(Line("  \(n)")) }
        for b in p.blockers {
            out.append(Line("  · \(b.code): \(b.explanation(now: state.now, titles: state.titles))", .blocked))
        }
        out += governanceLines(p)
        return out
    }

    /// The first 200 services, each with its health.
    private func serviceLines(_ st: EnvironmentStatus) -> [Line] {
        guard !st.services.isEmpty else { return [] }
        var out: [Line] = [.blank, Line("Services (\(st.services.count))", .header, bold: true)]
        for sv in st.services.prefix(200) {
            let h = sv.health ?? .unknown
            out.append(Line("  \(Symbols.healthSymbol(h)) \(sv.name) \(sv.version ?? "")", Symbols.healthRole(h)))
        }
        if st.services.count > 200 { out.append(Line("  … \(st.services.count - 200) more", .dim)) }
        return out
    }
}

extension DetailsOverlay {
    /// Who approved, four eyes, and the deploy windows of the environment a release waits to enter.
    fileprivate func governanceLines(_ p: PendingPromotion) -> [Line] {
        guard let pipeline = state.pipeline, let cfg = pipeline.environment(named: p.to) else { return [] }
        var out: [Line] = []
        let release = state.snapshot.releases[p.version]
        if cfg.requiredApprovals > 0 {
            let who = Rules.approvals(of: release, for: cfg).map(\.by)
            let list = who.isEmpty ? "nobody yet" : who.joined(separator: ", ")
            out.append(Line("  approved by: \(list) (\(who.count)/\(cfg.requiredApprovals))"))
        }
        if cfg.separateDuties {
            let author = release?.createdBy.map { "\($0) created it and cannot approve it; " } ?? ""
            out.append(Line("  four eyes: \(author)whoever promotes must not be needed for the quorum", .dim))
        }
        if p.state == .ready, let why = state.promoteRefusal(p) {
            out.append(Line("  · you cannot promote it: \(why.message)", .blocked, bold: true))
        }
        let windows = Rules.windows(of: p.to, pipeline: pipeline)
        if !windows.isEmpty {
            out.append(Line("  deploy windows of \(p.to):"))
            for w in windows {
                let open = w.isOpen(at: state.now) ? "open now" : "closed"
                out.append(Line("    \(w.name): \(Facts.windowHours(w)) (\(open))", .dim))
            }
        }
        return out
    }
}
