import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// Reading the audit log backwards and forwards in chunks gives the same lines as splitting it whole.
@Suite struct AuditFileTests {
    /// Lines of seeded random lengths (some across chunk boundaries, some blank, one longer than the limit).
    func randomLog(seed: UInt64) -> [[UInt8]] {
        var rng = seed
        func next(_ n: UInt64) -> Int {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((rng >> 33) % n)
        }
        var lines: [[UInt8]] = []
        for i in 0..<3000 {
            let length = i == 1500 ? AuditFile.maxLineLength + 10 : (next(10) == 0 ? next(200_000) : next(300))
            lines.append(Array("\(i):".utf8) + Array(repeating: UInt8(0x61 + next(26)), count: length))
        }
        return lines
    }

    @Test func backwardAndForwardReadsAgreeWithASplit() throws {
        let root = TempRoot()
        let lines = randomLog(seed: 42)
        root.writeBytes("audit.jsonl", Array(lines.joined(separator: [0x0A])) + [0x0A] + Array("partial".utf8))
        guard case .file(let file) = AuditFile.open(root: root.path) else {
            Issue.record("not opened")
            return
        }
        let end = file.completeEnd()
        #expect(end == file.size - "partial".utf8.count, "a line still being written is left for later")
        func expected(_ line: [UInt8]) -> [UInt8]? { line.count > AuditFile.maxLineLength ? nil : line }
        var backward: [[UInt8]?] = []
        var reader = AuditFile.Backward(file, end: end)
        while let line = reader.next() { backward.append(line.bytes.map(Array.init)) }
        #expect(backward.count == lines.count)
        let wanted = lines.reversed().map(expected)
        let firstDifference = zip(backward, wanted).enumerated().first { $0.element.0 != $0.element.1 }.map {
            "line \($0.offset) from the end: \($0.element.0?.count ?? -1) bytes read, "
                + "\($0.element.1?.count ?? -1) written"
        }
        #expect(firstDifference == nil, "newest first, the long line named but not held")
        var forward: [[UInt8]?] = []
        var numbers: [Int] = []
        file.forEachLine(from: 0, to: end) { n, line in
            forward.append(line.bytes.map(Array.init))
            numbers.append(n)
            return true
        }
        #expect(forward.count == lines.count && zip(forward, lines.map(expected)).allSatisfy { $0.0 == $0.1 })
        #expect(numbers == Array(1...lines.count))
    }

    @Test func theWindowKeepsOnlyTheEndAndFollowsAppends() throws {
        let root = TempRoot(["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n"])
        func line(_ i: Int) -> String {
            #"{"at":"2026-11-01T10:00:00Z","actor":"a\#(i)","action":"approve","#
                + #""version":"1.0.0","environment":"qa"}"# + "\n"
        }
        root.write("audit.jsonl", (0..<1000).map(line).joined() + "not json\n")
        let loader = RootLoader(root: root.path)
        var snap = loader.load()
        #expect(snap.audit.count == AuditWindow.limit - 1 && snap.audit.last?.actor == "a999")
        #expect(
            snap.problems.map(\.description)
                == ["audit.jsonl: line 1 from the end: not a JSON object (airlock check names its line)"])
        try Files.appendLine(line(1000), to: root.path + "/audit.jsonl")
        snap = loader.load(changed: ["audit.jsonl"])
        #expect(snap.audit.last?.actor == "a1000" && snap.audit.count == AuditWindow.limit - 1)
        #expect(snap.problems.first?.description.contains("line 2 from the end") == true)
        // check reads all of it and names the line.
        let checker = RootLoader(root: root.path)
        checker.checksWholeAuditLog = true
        #expect(checker.load().problems.map(\.description) == ["audit.jsonl:1001: not a JSON object"])
    }

    @Test func theFastLineParserAgreesWithJSONSerialization() {
        var lines: [[UInt8]] = [
            #"{"at":"2026-11-01T10:00:00Z","actor":"a","action":"promote","version":"1.0.0","environment":null}"#,
            #" { "a" : "x\"y\\z\/\n\t\r\b\f" , "b":"\u00e9\ud83d\ude00" } "#,
            #"{}"#, #"{"a":1}"#, #"{"a":{"b":"c"}}"#, #"{"a":"b"} x"#, #"{"a":"b",}"#, #"["a"]"#, #"{"a":"\ud83d"}"#,
            #"{"a":"\q"}"#, #"{"a":"b""#, #"{"a" "b"}"#, #"{"a":"b","a":"c"}"#, #"{"a":nul}"#,
        ].map { Array($0.utf8) }
        lines.append(Array(#"{"a":""#.utf8) + [0x01] + Array(#""}"#.utf8))
        lines.append(Array(#"{"a":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8))
        var rng: UInt64 = 7
        for _ in 0..<2000 {
            // Seeded mutations of a good line: every byte position and a few byte values.
            var line = Array(#"{"at":"2026-11-01T10:00:00Z","actor":"\u00e9a","version":"1.0"}"#.utf8)
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let at = Int((rng >> 33) % UInt64(line.count))
            line[at] = [0x22, 0x5C, 0x7D, 0x2C, 0x20, 0x6E, 0x3A, 0x00, 0xC3][Int((rng >> 40) % 9)]
            lines.append(line)
        }
        for line in lines {
            let slow = (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?
                .map { $0.compactMapValues { $0 as? String } }
            guard let fast = AuditLineParser.fields(line[...]) else { continue }
            #expect(fast == slow, "\(String(decoding: line, as: UTF8.self))")
        }
        #expect(AuditLineParser.fields(lines[0][...])?["actor"] == "a")
    }

    @Test func historyIsReadBackOnlyAsFarAsTheQuestionNeeds() throws {
        let root = TempRoot()
        let head = #"{"at":"2026-10-01T10:00:00Z","actor":"a","action":"promote","#
        var text = head + #""version":"2.2.0","environment":"\u0070roduction","previous":"2.1.3"}"# + "\n"
        for i in 0..<5000 { text += head + #""version":"1.\#(i).0","environment":"qa"}"# + "\n" }
        text += head + #""version":"2.3.0","environment":"production","previous":"2.2.0"}"# + "\n"
        root.write("audit.jsonl", text)
        func history(_ enough: (RunHistory) -> Bool) throws -> RunHistory {
            try AuditScan.history(root: root.path, environment: "production", current: "2.3.0", until: enough).get()
        }
        let recent = try history { $0.sawCurrentMove }
        #expect(recent.previousOfCurrent == "2.2.0" && !recent.complete, "stops at the line that answers")
        let escaped = try history { $0.records("2.1.3") }
        #expect(escaped.records("2.1.3") && escaped.complete, "a line that spells the name with escapes counts")
        let never = try history { $0.records("9.9.9") }
        #expect(!never.records("9.9.9") && never.complete && never.versions == ["2.3.0", "2.2.0", "2.1.3"])
    }
}
