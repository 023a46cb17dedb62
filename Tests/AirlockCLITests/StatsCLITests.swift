// `airlock stats` through the binary: text and --json give the same figures; --env, --since, --pipeline.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// A time `hours` before now, as audit lines write it.
func hoursAgo(_ hours: Double) -> String { TimeFormat.formatTimestamp(Date().addingTimeInterval(-hours * 3600)) }

/// An audit line of `action` at `hours` ago; `extra` is more `"key":"value"` pairs.
func statsLine(_ hours: Double, _ action: String, _ version: String, _ env: String?, _ extra: String = "") -> String {
    let e = env.map { "\"\($0)\"" } ?? "null"
    return #"{"at":"\#(hoursAgo(hours))","actor":"ci","action":"\#(action)","version":"\#(version)","environment":"#
        + e + extra + "}"
}

/// The shop root with a history: production deployed 2.2.0, then 2.3.0 (approved, gated, promoted), rolled back
/// and down for a while, then 2.3.0 again.
func statsRoot() -> TempRoot {
    let root = shopRoot()
    root.write("releases/2.3.0.yaml", "version: 2.3.0\ncreated_at: \(hoursAgo(300))\n")
    let lines = [
        statsLine(400, "deployed", "2.2.0", "production"),
        // Development: three lead times (10h, 30h, 60h), so medians and p90s differ.
        statsLine(330, "release", "2.4.0", nil), statsLine(320, "deployed", "2.4.0", "development"),
        statsLine(200, "release", "2.4.1", nil), statsLine(170, "deployed", "2.4.1", "development"),
        statsLine(100, "release", "2.5.0", nil), statsLine(40, "deployed", "2.5.0", "development"),
        statsLine(250, "deployed", "2.3.0", "staging"),
        statsLine(260, "health", "2.2.0", "staging", #","health":"healthy","previous_health":null"#),
        statsLine(210, "check", "2.3.0", nil, #","item":"tests-passed""#),
        statsLine(200, "approve", "2.3.0", "production"),
        statsLine(190, "approve", "2.3.0", "production"),
        statsLine(180, "promote", "2.3.0", "production", #","from":"staging","previous":"2.2.0""#),
        statsLine(179.5, "deployed", "2.3.0", "production", #","previous":"2.2.0""#),
        statsLine(101, "health", "2.3.0", "production", #","health":"down","previous_health":"healthy""#),
        statsLine(100, "rollback", "2.2.0", "production", #","previous":"2.3.0""#),
        statsLine(99, "deployed", "2.2.0", "production", #","previous":"2.3.0""#),
        statsLine(98, "health", "2.2.0", "production", #","health":"healthy","previous_health":"down""#),
        statsLine(50, "deployed", "2.3.0", "production", #","previous":"2.2.0""#),
    ]
    root.write("audit.jsonl", lines.joined(separator: "\n") + "\n")
    return root
}

/// The figures a text must hold for one environment of `stats --json`.
func expectedTexts(_ env: [String: Any]) -> [String] {
    func fmt(_ v: Any?) -> String { DeliveryText.duration(Double((v as? Int) ?? -1)) }
    var out: [String] = []
    if let n = (env["deployments"] as? [String: Any])?["count"] as? Int { out.append("deployments \(n)") }
    for (key, p90) in [("lead_time", true)] {
        guard let d = env[key] as? [String: Any] else { continue }
        if d["median_seconds"] is Int {
            let tail = p90 ? ", p90 \(fmt(d["p90_seconds"]))" : ""
            out.append("median \(fmt(d["median_seconds"]))\(tail) (\(d["count"] as? Int ?? -1))")
        } else if let m = d["missing"] as? String {
            out.append(m)
        }
    }
    if let c = env["change_failure_rate"] as? [String: Any], let rate = c["rate_percent"] as? Int {
        let r = c["rollbacks"] as? Int ?? -1
        out.append("\(rate)% (\(r) rollback\(r == 1 ? "" : "s") / \(c["deployments"] as? Int ?? -1) deployments)")
    }
    if let t = env["time_to_restore"] as? [String: Any] {
        for key in ["rollback", "down"] {
            guard let d = t[key] as? [String: Any] else { continue }
            if d["median_seconds"] is Int {
                out.append("median \(fmt(d["median_seconds"])) (\(d["count"] as? Int ?? -1))")
            } else if let m = d["missing"] as? String {
                out.append(m)
            }
        }
    }
    return out
}

@Suite struct StatsCLITests {
    @Test func textAndJSONGiveTheSameFigures() throws {
        let root = statsRoot()
        let before = root.fingerprint()
        let text = run(["stats"], root: root.path)
        let json = run(["stats", "--json"], root: root.path)
        #expect(text.code == 0 && json.code == 0, "\(text.err) \(json.err)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.outBytes)) as? [String: Any])
        let envs = try #require(obj["environments"] as? [[String: Any]])
        #expect(envs.map { $0["name"] as? String } == ["development", "qa", "staging", "production"])
        // Each environment's block of the text holds the JSON's figures.
        let blocks = text.out.components(separatedBy: "\n\n")
        for env in envs {
            let name = try #require(env["name"] as? String)
            let block = try #require(blocks.first { $0.hasPrefix(name + "\n") }, "\(name) in \(text.out)")
            // Columns are padded: compare with runs of spaces made one.
            let squeezed = block.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            for needle in expectedTexts(env) { #expect(squeezed.contains(needle), "\(name): \(needle) in\n\(block)") }
        }
        let development = try #require(envs.first?["lead_time"] as? [String: Any])
        #expect(development["median_seconds"] as? Int == 30 * 3600 && development["p90_seconds"] as? Int == 60 * 3600)
        let production = try #require(envs.last)
        let cfr = try #require(production["change_failure_rate"] as? [String: Any])
        #expect(cfr["rate_percent"] as? Int == 25 && cfr["rollbacks"] as? Int == 1 && cfr["deployments"] as? Int == 4)
        let restore = try #require(production["time_to_restore"] as? [String: Any])
        #expect((restore["rollback"] as? [String: Any])?["median_seconds"] as? Int == 3600)
        #expect((restore["down"] as? [String: Any])?["median_seconds"] as? Int == 3 * 3600)
        let lead = try #require(production["lead_time"] as? [String: Any])
        #expect(lead["median_seconds"] as? Int == 120 * 3600 + 1800)
        let waits = try #require(production["waits"] as? [String: Any])
        #expect((waits["candidate"] as? [String: Any])?["median_seconds"] as? Int == 70 * 3600)
        let blocked = try #require(waits["blocked"] as? [String: Any])
        #expect((blocked["approvals"] as? [String: Any])?["median_seconds"] as? Int == 60 * 3600)
        #expect((waits["ready"] as? [String: Any])?["median_seconds"] as? Int == 10 * 3600)
        #expect(waits["not_recorded"] as? [String] == DeliveryWaits.notRecorded)
        #expect(text.out.contains("not recorded (unknown-release, freeze, stale, schema)"))
        #expect(isPrintable(text.out + json.out + text.err + json.err))
        #expect(root.fingerprint() == before, "stats changes no file")
    }

    @Test func envSinceAndTheirRefusals() throws {
        let root = statsRoot()
        let one = run(["stats", "--env", "production", "--since", "2w", "--json"], root: root.path)
        #expect(one.code == 0, "\(one.err)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(one.outBytes)) as? [String: Any])
        let envs = try #require(obj["environments"] as? [[String: Any]])
        #expect(envs.count == 1 && envs.first?["name"] as? String == "production")
        #expect((obj["weeks"] as? [Any])?.count == 2)
        // A week back, only the last deployment counts; before all history, none.
        let week = run(["stats", "--env", "production", "--since", "3d"], root: root.path)
        let squeezed = week.out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(squeezed.contains("\ndeployments 1\n") || squeezed.contains(" deployments 1 "), "\(week.out)")
        let old = run(["stats", "--since", hoursAgo(24 * 400)], root: root.path)
        #expect(old.code == 0 && old.out.contains("58 weeks"), "\(old.out)")
        for bad in [
            ["--env", "nope"], ["--since", "0d"], ["--since", "abc"], ["--since=-5d"], ["--since", "9999d"],
            ["--since", TimeFormat.formatTimestamp(Date().addingTimeInterval(86400))], ["--since", "5y"],
            ["--since", "0001-01-01T00:00:00Z", "--json"], ["--since", hoursAgo(24 * 3661)], ["--since", "3661d"],
            ["--env", "staging", "--env", "nope"],
        ] {
            let r = run(["stats"] + bad, root: root.path)
            #expect(r.code == 2, "\(bad): \(r.code) \(r.err)")
            #expect(r.out.isEmpty && r.err.hasPrefix("airlock: "), "\(bad): \(r.out) \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "\(bad): \(r.err)")
        }
    }

    @Test func severalEnvsInPipelineOrderAndOneWeekInTheSingular() throws {
        let root = statsRoot()
        let r = run(["stats", "--env", "production", "--env", "staging", "--since", "3d"], root: root.path)
        #expect(r.code == 0, "\(r.err)")
        let names = r.out.split(separator: "\n").filter { ["staging", "production"].contains($0) }
        #expect(names == ["staging", "production"], "\(r.out)")
        #expect(r.out.contains(", 1 week (sparklines") && !r.out.contains("1 weeks"), "\(r.out)")
        let edge = run(["stats", "--since", hoursAgo(24 * 3659), "--json"], root: root.path)
        #expect(edge.code == 0, "\(edge.err)")
    }

    @Test func onAFleetWithPipeline() throws {
        let fleet = shopFleet(["checkout", "search"])
        fleet.write("checkout/audit.jsonl", statsRoot().read("audit.jsonl") ?? "")
        let r = run(["stats", "--pipeline", "checkout", "--env", "production", "--json"], root: fleet.path)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains(#""pipeline": "checkout""#))
        #expect(r.out.contains(#""rollbacks": 1"#))
        let none = run(["stats"], root: fleet.path)
        #expect(none.code == 2 && none.err.contains("--pipeline NAME"), "\(none.err)")
        let ghost = run(["stats", "--pipeline", "ghost"], root: fleet.path)
        #expect(ghost.code == 2)
    }
}
