// `airlock stats` on hostile audit logs: bad and huge lines skipped and counted, future times, a FIFO, /dev/full.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile input: stats") struct HostileStatsTests {
    /// The production figures of `stats --json` (whole object, for comparing runs).
    func production(_ r: RunResult) -> [String: Any]? {
        let obj = try? JSONSerialization.jsonObject(with: Data(r.outBytes)) as? [String: Any]
        return (obj?["environments"] as? [[String: Any]])?.last
    }

    func figures(_ r: RunResult) -> String {
        guard let p = production(r), let data = try? JSONSerialization.data(withJSONObject: p, options: .sortedKeys)
        else { return "none" }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func badLinesAndAHugeLineAreSkippedAndCountedNeverFatal() throws {
        let clean = statsRoot()
        let hostile = statsRoot()
        let good = clean.read("audit.jsonl") ?? ""
        let junk = [
            "not json at all", "{\"at\":\"yesterday\",\"actor\":\"x\",\"action\":\"deployed\",\"version\":\"1\"}",
            "{\"at\":\"2026-01-01T00:00:00Z\",\"actor\":\"x\",\"action\":\"explode\",\"version\":\"1\"}",
            "\u{1B}]0;pwned\u{07}\u{1B}[2J", "[1,2,3]",
            "{\"x\":\"" + String(repeating: "a", count: (1 << 20) + 10) + "\"}",
            "{\"at\":\"2026-01-01T00:00:00Z\"", "\r",
        ]
        hostile.write("audit.jsonl", junk.joined(separator: "\n") + "\n" + good + junk.joined(separator: "\r\n") + "\n")
        let before = hostile.fingerprint()
        let a = run(["stats", "--json"], root: clean.path, limit: 30)
        let b = run(["stats", "--json"], root: hostile.path, limit: 30)
        let text = run(["stats"], root: hostile.path, limit: 30)
        #expect(a.code == 0 && b.code == 0 && text.code == 0, "\(b.err) \(text.err)")
        #expect(figures(a) == figures(b), "bad lines change no figure")
        #expect(text.out.contains("bad lines skipped (airlock check names them)"), "\(text.out)")
        #expect(b.out.contains(#""skipped": 14"#) || b.out.contains(#""skipped": 13"#), "\(b.out.suffix(200))")
        for r in [a, b, text] { #expect(isPrintable(r.out + r.err)) }
        #expect(hostile.fingerprint() == before)
    }

    @Test func timesInTheFutureAreCountedNotUsed() throws {
        let root = statsRoot()
        let future = hoursAgo(-30 * 24)
        let line =
            #"{"at":"\#(future)","actor":"ci","action":"deployed","version":"9.9.9","environment":"production"}"#
        let plain = run(["stats", "--json"], root: root.path)
        root.write("audit.jsonl", (root.read("audit.jsonl") ?? "") + line + "\n")
        let r = run(["stats", "--json"], root: root.path)
        #expect(r.code == 0)
        #expect(r.out.contains(#""future": 1"#))
        #expect(figures(r) == figures(plain))
        #expect(run(["stats"], root: root.path).out.contains("1 dated in the future, not counted"))
    }

    @Test func aFIFOAsTheAuditLogNeverHangsStats() throws {
        let root = shopRoot()
        #expect(mkfifo(root.path + "/audit.jsonl", 0o644) == 0)
        let before = root.fingerprint()
        for args in [["stats"], ["stats", "--json"]] {
            let r = run(args, root: root.path, limit: 15)
            #expect(!r.timedOut, "\(args) hung on a FIFO")
            #expect(r.code == 1 && r.out.isEmpty, "\(args): exit \(r.code)")
            #expect(r.err == "airlock: audit.jsonl: not a regular file\n", "\(r.err)")
        }
        #expect(root.fingerprint() == before)
    }

    @Test func noLogAtAllSaysNotRecordedNeverZero() throws {
        let root = shopRoot()
        let r = run(["stats", "--env", "development"], root: root.path)
        #expect(r.code == 0)
        #expect(r.out.contains("deployments        not recorded (no deployed lines, no deployed_at)"), "\(r.out)")
        #expect(!r.out.contains(" 0%"))
        #expect(r.out.contains("0 audit lines read"))
    }

    /// The figure of a text row of `stats` (label at the start of the line), spaces squeezed.
    func figure(_ out: String, _ label: String) -> String? {
        let line = out.split(separator: "\n").first { $0.hasPrefix("  " + label + " ") }
        return line.map { String($0.dropFirst(label.count + 2)).trimmingCharacters(in: .whitespaces) }
    }

    @Test(arguments: [false, true])
    func anAbsentOrEmptyLogCannotSayThereWereNoRollbacks(empty: Bool) throws {
        let root = shopRoot()
        root.write(
            "environments/production.yaml",
            "version: 2.3.0\nupdated_at: \(hoursAgo(1))\ndeployed_at: \(hoursAgo(5))\nhealth: healthy\n")
        if empty { root.write("audit.jsonl", "") }
        let r = run(["stats", "--env", "production"], root: root.path)
        #expect(r.code == 0, "\(r.err)")
        #expect(figure(r.out, "deployments")?.hasPrefix("1 (from deployed_at only)") == true, "\(r.out)")
        #expect(figure(r.out, "change failure") == "not recorded (no audit lines)", "\(r.out)")
        #expect(figure(r.out, "restore: rollback") == "not recorded (no audit lines)", "\(r.out)")
        #expect(figure(r.out, "wait from staging") == "not recorded (no audit lines)", "\(r.out)")
        #expect(!r.out.contains(" 0%") && !r.out.contains("no rollback") && !r.out.contains("no promotion"))
        let json = run(["stats", "--env", "production", "--json"], root: root.path)
        let p = try #require(production(json))
        let cfr = try #require(p["change_failure_rate"] as? [String: Any])
        #expect(cfr["rate_percent"] is NSNull && cfr["rollbacks"] is NSNull, "\(cfr)")
        #expect(cfr["missing"] as? String == "not recorded (no audit lines)")
        let restore = try #require((p["time_to_restore"] as? [String: Any])?["rollback"] as? [String: Any])
        #expect(restore["missing"] as? String == "not recorded (no audit lines)")
    }

    @Test func aDeployedAtInTheFutureIsNamed() throws {
        let root = shopRoot()
        let later = hoursAgo(-48)
        root.write(
            "environments/production.yaml", "version: 2.3.0\nupdated_at: \(hoursAgo(1))\ndeployed_at: \(later)\n")
        let r = run(["stats", "--env", "production"], root: root.path)
        let why = "not recorded (no deployed lines; deployed_at \(later) is in the future)"
        #expect(figure(r.out, "deployments") == why, "\(r.out)")
        #expect(figure(r.out, "lead time") == why, "\(r.out)")
        let json = run(["stats", "--env", "production", "--json"], root: root.path)
        #expect((production(json)?["deployments"] as? [String: Any])?["missing"] as? String == why)
    }

    @Test func outputToAFullDiskFails() throws {
        let root = statsRoot()
        let r = run(["stats", "--json"], root: root.path, stdout: "/dev/full")
        #expect(r.code == 1 && r.err.contains("No space left on device"), "\(r.err)")
    }
}
