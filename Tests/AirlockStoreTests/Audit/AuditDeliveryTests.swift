// The whole-log reader of `stats`: its quick line reader agrees with AuditLog.generalEntry on every line, and one pass
// gives the figures the core computes from the same entries.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct AuditDeliveryTests {
    static let lines: [String] = [
        #"{"at":"2026-11-01T10:00:00Z","actor":"ci","action":"deployed","version":"1.0.0","environment":"qa"}"#,
        #"{"at":"2026-11-01T10:00:00Z","actor":"ci","action":"deployed","version":"1.0.0","#
            + #""environment":"qa","previous":null}"#,
        #" { "at" : "2026-11-01T10:00:00+01:00" , "actor":"a","action":"promote","version":"2","#
            + #""environment":"p","from":"s"} "#,
        #"{"at":"2026-11-01T10:00:00Z","actor":"a","action":"health","version":"2","#
            + #""environment":"p","health":"down","previous_health":null}"#,
        #"{"at":"2026-11-01T10:00:00Z","actor":"a","action":"check","version":"2","environment":null,"item":"x"}"#,
        #"{"at":"2026-11-01T10:00:00Z","actor":"a\u00e9","action":"approve","version":"2","environment":"p"}"#,
        #"{"at":"2026-11-01T10:00:00Z","actor":"a","action":"approve","version":"2","#
            + #""environment":"p","environment":"q"}"#,
        #"{"at":"2026-11-01T10:00:00Z","actor":"a","action":"approve","version":"2","environment":"p","extra":"x"}"#,
        #"{"at":"2026-11-01T10:00:00Z","actor":"a","action":"approve","version":"2","n":1}"#,
        #"{"at":"2026-11-01T10:00:00Z","actor":"a","action":"explode","version":"2"}"#,
        #"{"at":"yesterday","actor":"a","action":"approve","version":"2"}"#,
        #"{"at":"2026-11-01T10:00:00Z","action":"approve","version":"2"}"#,
        #"{"at":"2026-11-01T10:00:00Z","actor":"a","action":"approve","version":"2""#,
        #"{"at":"2026-11-01T10:00:00Z","actor":"a","action":"approve","version":"2"} x"#,
        "{\"at\":\"2026-11-01T10:00:00Z\",\"actor\":\"a\u{1B}\",\"action\":\"approve\",\"version\":\"2\"}",
        "{\"at\":\"2026-11-01T10:00:00Z\",\"actor\":\"\u{FF}\",\"action\":\"approve\",\"version\":\"2\"}", "[]", "{}",
        "",
    ]

    @Test func theQuickReaderAgreesWithAuditLogEntry() {
        var quick = 0
        for (n, text) in Self.lines.enumerated() {
            var bytes = Array(text.utf8)
            if n == 15 { bytes = bytes.map { $0 == 0xC3 ? 0xFF : $0 } }
            // A key, then a value of a key it does not read, that is not UTF-8 (the audit-log fuzz target's find).
            let head = Array(#"{"at":"2026-11-01T10:00:00Z","actor":"a","action":"approve","version":"2","#.utf8)
            if n == 16 { bytes = head + Array(#""fro"#.utf8) + [0x89] + Array(#"":"s"}"#.utf8) }
            if n == 17 { bytes = head + Array(#""extra":"#.utf8) + [0x22, 0x89, 0x22, 0x7D] }
            let slow = try? AuditLog.generalEntry(bytes[...]).get()
            if let fast = AuditQuickEntry.entry(bytes[...]) {
                quick += 1
                #expect(fast == slow, "line \(n): \(text)")
            }
        }
        #expect(quick >= 7, "the plain lines take the quick path")
        // Seeded mutations of a plain line: whatever the quick reader accepts, AuditLog.generalEntry reads the same.
        var rng = SeededRandom(state: 41)
        print("AuditDeliveryTests seed: 41")
        let base = Array(Self.lines[0].utf8)
        for _ in 0..<3000 {
            var b = base
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<b.count, using: &rng)
                b[i] =
                    [0x22, 0x5C, 0x7B, 0x7D, 0x2C, 0x3A, 0x20, 0x00, 0x61, 0x31][Int.random(in: 0..<10, using: &rng)]
            }
            if let fast = AuditQuickEntry.entry(b[...]) { #expect(fast == (try? AuditLog.generalEntry(b[...]).get())) }
        }
    }

    @Test func onePassGivesTheCoresFigures() throws {
        let root = shopRoot()
        let now = Date()
        func at(_ h: Double) -> String { TimeFormat.formatTimestamp(now.addingTimeInterval(-h * 3600)) }
        let text = [
            #"{"at":"\#(at(50))","actor":"ci","action":"release","version":"2.4.0","environment":null}"#,
            #"{"at":"\#(at(40))","actor":"ci","action":"deployed","version":"2.4.0","environment":"production"}"#,
            "garbage",
            #"{"at":"\#(at(30))","actor":"a","action":"rollback","version":"2.3.0","environment":"production"}"#,
        ]
        root.write("audit.jsonl", text.joined(separator: "\n") + "\n")
        let period = DeliveryPeriod(since: now.addingTimeInterval(-7 * 86400), now: now)
        let s = try AuditDelivery.stats(root: root.path, snapshot: root.load(), period: period).get()
        let p = try #require(s.environments.last)
        #expect(s.lines == 3 && s.skipped == 1)
        #expect(p.deployments == 1 && p.changeFailure.value == 1)
        #expect(p.leadTime.median.map(DeliveryText.wholeSeconds) == 36000)
        #expect(p.restoreRollback.median == nil && p.restoreRollback.count == 0)
    }
}
