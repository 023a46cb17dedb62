import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// Release files as people and their editors write them, through the real binary: `checklist --done` and
/// `approve` either add exactly their entry (every other byte of every file unchanged) or are refused with
/// one line naming the file and line and change nothing; never a crash, never a control character.
@Suite("Hostile input: release file edits") struct HostileReleaseEditTests {
    static let limit: TimeInterval = 20

    static func isClean(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { u in
            let v = u.value
            return v == 0x0A || v == 0x09 || !(v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0))
        }
    }

    /// Runs a command, checking its time limit and that neither stream carries a control character.
    static func command(_ args: [String], _ root: TempRoot, user: String) -> RunResult {
        let started = Date()
        let r = run(args, root: root.path, user: user)
        #expect(Date().timeIntervalSince(started) < limit, "\(args) finished within \(limit) s")
        #expect(isClean(r.out) && isClean(r.err), "\(args): no control character on stdout or stderr")
        return r
    }

    /// Every original byte is still there, in order, around one inserted run of bytes.
    static func onlyInserted(_ before: [UInt8], _ after: [UInt8]) -> Bool {
        var prefix = 0
        while prefix < before.count, prefix < after.count, before[prefix] == after[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < before.count - prefix, suffix < after.count - prefix,
            before[before.count - 1 - suffix] == after[after.count - 1 - suffix]
        { suffix += 1 }
        return after.count > before.count && prefix + suffix == before.count
    }

    /// Item 1: line breaks libyaml counts and a line editor splitting on LF does not (CRLF, a lone CR,
    /// U+0085, U+2028, U+2029) used to crash these commands with an index out of range.
    @Test func lineBreaksOfEveryKindAreEditedWithoutACrash() throws {
        let variants = [
            "version: 2.4.0\r\nnotes: gateway\r\nchecklist:\r\n  tests-passed: true # CI\r\n",
            "version: 2.4.0\rchecklist:\r  tests-passed: true\r",
            "version: 2.4.0\nnotes: \"a\u{2028}b\u{2028}c\u{2028}d\"\nchecklist:\n  tests-passed: true\n",
            "version: 2.4.0\nnotes: \"a\u{0085}b\u{0085}c\"\nowner: \"x\u{2029}y\"\nchecklist:\n  tests-passed: true\n",
            "version: 2.4.0\nnotes: 'one\rtwo\rthree'\nchecklist: {tests-passed: true}\n",
        ]
        for text in variants {
            let root = shopRoot()
            root.write("releases/2.4.0.yaml", text)
            let before = root.fingerprint()
            #expect(Self.command(["check"], root, user: "bob").code == 0, "\(text.debugDescription) passes check")
            let done = Self.command(["checklist", "2.4.0", "--done", "monitoring"], root, user: "bob")
            #expect(done.code == 0, "\(text.debugDescription): \(done.err)")
            let approve = Self.command(["approve", "2.4.0", "--env", "production"], root, user: "alice")
            #expect(approve.code == 0, "\(text.debugDescription): \(approve.err)")
            let after = root.fingerprint()
            for (path, bytes) in before where path != "releases/2.4.0.yaml" && path != "audit.jsonl" {
                #expect(after[path] == bytes, "\(path) unchanged")
            }
            let edited = [UInt8](after["releases/2.4.0.yaml"] ?? Data())
            #expect(edited.starts(with: Array(text.utf8).prefix(14)) && edited.count > text.utf8.count)
            let release = ReleaseEditTests.release(edited)
            #expect(release?.checklist["monitoring"]?.done == true && release?.approvals.map(\.by) == ["alice"])
            let audit = String(decoding: after["audit.jsonl"] ?? Data(), as: UTF8.self)
            #expect(audit.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 2, "one audit line each")
        }
    }

    /// Item 8: flow style, comments, anchors and aliases: the entry is added and nothing else moves.
    @Test func handWrittenLayoutsKeepEveryByte() throws {
        let layouts = [
            "# QA keeps this\nversion: 2.4.0\nchecklist: {tests-passed: true}  # CI ticks this\n"
                + "approvals: []  # none yet\n",
            "version: 2.4.0\nchecklist: {\n  tests-passed: true,  # CI\n}\n"
                + "approvals: [\n  {by: bob, environment: production},\n]\n",
            "version: 2.4.0\nok: &ok true\nchecklist:\n  tests-passed: *ok   # same as ok\nlater: *ok\napprovals:\n",
        ]
        for text in layouts {
            let root = shopRoot()
            root.write("releases/2.4.0.yaml", text)
            #expect(Self.command(["checklist", "2.4.0", "--done", "monitoring"], root, user: "bob").code == 0)
            let once = Array(root.read("releases/2.4.0.yaml")?.utf8 ?? "".utf8)
            #expect(Self.onlyInserted(Array(text.utf8), once), "only the item was added to:\n\(text)")
            #expect(Self.command(["approve", "2.4.0", "--env", "production"], root, user: "alice").code == 0)
            let twice = Array(root.read("releases/2.4.0.yaml")?.utf8 ?? "".utf8)
            #expect(Self.onlyInserted(once, twice), "only the approval was added")
        }
    }

    /// What cannot change in place is refused: exit 2, one line naming the file and line, every file of
    /// the root byte-identical (no audit line either).
    @Test func anEditThatCannotBeExactIsRefusedAndChangesNothing() throws {
        let undo = ["checklist", "2.4.0", "--undo", "tests-passed"]
        let cannot = "airlock: releases/2.4.0.yaml"
        let cases: [(String, [String], String)] = [
            (
                "version: 2.4.0\nok: &ok true\nchecklist:\n  tests-passed: *ok\n", undo,
                "\(cannot):4: cannot change checklist.tests-passed in place: its value is the alias *ok"
            ),
            (
                "version: 2.4.0\nchecklist:\n  tests-passed: &t true\n  monitoring: *t\n", undo,
                "\(cannot):3: cannot change checklist.tests-passed in place: its value is the anchor &t"
            ),
            (
                "version: 2.4.0\r\nnone: &none []\r\napprovals: *none\r\n",
                ["approve", "2.4.0", "--env", "production"],
                "airlock: releases/2.4.0.yaml:3: cannot change approvals in place: its value is the alias *none"
            ),
        ]
        for (text, args, message) in cases {
            let root = shopRoot()
            root.write("releases/2.4.0.yaml", text)
            let before = root.fingerprint()
            let r = Self.command(args, root, user: "alice")
            #expect(r.code == 2)
            #expect(r.err.hasPrefix(message) && r.err.filter { $0 == "\n" }.count == 1, "\(r.err)")
            #expect(root.fingerprint() == before, "every file byte-identical")
        }
    }
}
