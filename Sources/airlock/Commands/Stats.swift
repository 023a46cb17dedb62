// `airlock stats [--env E]... [--since 30d] [--json]`: delivery metrics per environment over a period (SPEC §3).
import AirlockCore
import AirlockStore
import ArgumentParser
import Foundation

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delivery metrics per environment: deployments, lead time, change failure rate, time to restore, "
            + "where releases wait (read from the whole audit log).")
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: ArgumentHelp("Only this environment (repeat for several).", valueName: "ENV"))
    var env: [String] = []
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The period: Nd, Nw or Nh back from now, or an RFC 3339 time (default 30d).", valueName: "WHEN"))
    var since = "30d"
    @Flag(name: .long, help: "Print JSON (SPEC section 3, stats).") var json = false

    /// The longest period asked for: ten years.
    static let maxDays = 3660

    func run() throws {
        let now = TimeFormat.wholeSeconds(Date())
        guard let start = Self.parseSince(since, now: now) else {
            throw CommandFailure(
                "--since: \"\(Sanitize.line(since))\" is not Nd, Nw or Nh (N from 1, at most \(Self.maxDays) days) "
                    + "or an RFC 3339 time before now, at most \(Self.maxDays) days back",
                code: CommandFailure.badInput)
        }
        let root = try common.resolvePipelineRoot()
        let snap = RootLoader(root: root).load()
        guard let pipeline = snap.pipeline else {
            let first = snap.problems.first.map { ": " + $0.description } ?? ""
            throw CommandFailure("cannot read the pipeline\(Sanitize.line(first))", code: CommandFailure.failed)
        }
        for env in env where pipeline.environment(named: env) == nil {
            let names = pipeline.environments.map(\.name).joined(separator: ", ")
            throw CommandFailure(
                "no environment \"\(Sanitize.line(env))\" in pipeline \(Sanitize.line(pipeline.name)) "
                    + "(environments: \(Sanitize.line(names)))",
                code: CommandFailure.badInput)
        }
        let period = DeliveryPeriod(since: start, now: now)
        var stats: DeliveryStats
        switch AuditDelivery.stats(root: root, snapshot: snap, period: period) {
        case .success(let s): stats = s
        case .failure(let u): throw CommandFailure(Sanitize.line(u.message), code: CommandFailure.failed)
        }
        if !env.isEmpty { stats.environments = stats.environments.filter { env.contains($0.name) } }
        if json {
            Console.data(DeliveryJSON.render(stats, pipeline: pipeline.name).serialized(indent: 2))
        } else {
            Console.out(Self.text(stats, pipeline: pipeline.name))
        }
        if Console.hasFailed { throw CommandFailure(silentExit: CommandFailure.failed) }
    }

    /// The text: a heading, each environment's rows in aligned columns, what was read.
    static func text(_ s: DeliveryStats, pipeline: String) -> String {
        var out = [DeliveryText.heading(s, pipeline: pipeline)]
        for e in s.environments {
            out.append("")
            out.append(e.name)
            let rows = DeliveryText.rows(e, period: s.period)
            let labelWidth = rows.map(\.label.count).max() ?? 0
            let figureWidth = rows.filter { !$0.spark.isEmpty }.map(\.figure.count).max() ?? 0
            for r in rows {
                let label = r.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                let figure =
                    r.spark.isEmpty ? r.figure : r.figure.padding(toLength: figureWidth, withPad: " ", startingAt: 0)
                out.append("  \(label)  \(figure)" + (r.spark.isEmpty ? "" : "  \(r.spark)"))
            }
        }
        out.append("")
        out.append(DeliveryText.footer(s))
        return out.joined(separator: "\n")
    }

    /// `30d`, `4w`, `12h` back from now (a whole number from 1), or an RFC 3339 time not after now; either at most
    /// `maxDays` back.
    static func parseSince(_ text: String, now: Date) -> Date? {
        if let t = TimeFormat.parseTimestamp(text) {
            return t <= now && now.timeIntervalSince(t) <= Double(maxDays) * 86400 ? t : nil
        }
        guard let unit = text.last, text.count <= 8, let n = Int(text.dropLast()), n >= 1,
            text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let days: Double
        switch unit {
        case "d": days = Double(n)
        case "w": days = Double(n) * 7
        case "h": days = Double(n) / 24
        default: return nil
        }
        guard days <= Double(maxDays) else { return nil }
        return now.addingTimeInterval(-days * 86400)
    }
}
