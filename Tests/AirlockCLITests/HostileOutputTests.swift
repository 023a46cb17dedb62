// Hostile text in status files, arguments and values: no output stream carries a control character.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile text in every field reaches no output stream as control characters; a failed write fails the command;
/// a hook that never ends is stopped with its whole process group, and starts with clean signals.
@Suite("Hostile input: output and hooks", .timeLimit(.minutes(2)))
struct HostileOutputTests {
    /// ESC sequences (CSI, OSC with BEL), a C1 CSI (U+009B), BEL, DEL, backspace and a carriage return.
    static let evil = "\u{1B}[31mRED\u{1B}]0;pwned\u{07}\u{9B}2J\u{7F}\u{08}\r"
    /// The same in YAML's double-quoted escapes (a raw control character is not valid YAML).
    static let evilYAML = #""\e[31mRED\e]0;pwned\a\x9b2J\x7f\b\r""#

    /// Every scalar that must never reach a terminal: C0 but newline and tab, DEL, C1.
    static func controls(_ s: String) -> [UInt32] {
        s.unicodeScalars.map(\.value).filter { v in
            (v < 0x20 && v != 0x0A && v != 0x09) || v == 0x7F || (v >= 0x80 && v < 0xA0)
        }
    }

    static func expectClean(_ r: RunResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(controls(r.out).isEmpty, "stdout of \(what): \(controls(r.out))", sourceLocation: sourceLocation)
        #expect(controls(r.err).isEmpty, "stderr of \(what): \(controls(r.err))", sourceLocation: sourceLocation)
    }

    /// A root with hostile text in every field a person or CI writes (and in a file name).
    static func hostileRoot() -> TempRoot {
        let e = evilYAML
        let soon = TimeFormat.formatTimestamp(now.addingTimeInterval(-3600))
        let later = TimeFormat.formatTimestamp(now.addingTimeInterval(86400))
        return TempRoot([
            "airlock.yaml": """
            pipeline: \(e)
            \(e): unknown key
            environments:
              - name: sandbox
              - name: development
              - name: qa
              - name: production
                protected: true
                approvers: [alice, \(e)]
            checklist:
              load-test: \(e)
            freezes:
              - environments: [production]
                from: \(soon)
                until: \(later)
                reason: \(e)
            """,
            "environments/development.yaml": """
            version: 2.0.0
            updated_at: \(recent)
            deployed_by: \(e)
            checks:
              - {name: \(e), status: passing, detail: \(e)}
            \(e): 1
            """,
            "environments/sandbox.yaml": "version: 2.0.0\nupdated_at: \(recent)\nhealth: \(e)\n",
            "environments/qa.yaml": "version: 1.5.0\nupdated_at: \(recent)\n",
            "environments/production.yaml": "version: 1.0.0\nupdated_at: \(recent)\n",
            "releases/1.0.0.yaml": "version: 1.0.0\n",
            "releases/1.5.0.yaml": """
            version: 1.5.0
            notes: \(e)
            checklist:
              code-freeze: {done: true, by: \(e), note: \(e)}
            """,
            "releases/2.0.0.yaml": "version: 2.0.0\nnotes: \(e)\n",
            "releases/\u{1B}[31m.yaml": "version: \(e)\n",
            "promotions/production.yaml": """
            version: 1.0.0
            kind: rollback
            requested_by: \(e)
            requested_at: \(longAgo)
            reason: \(e)
            """,
            "audit.jsonl": """
            {"at":"\(longAgo)","actor":"\\u001b[31mmallory\\u009b","action":"approve","version":"1.0.0",\
            "environment":"production"}
            {"at":"\(longAgo)","actor":"bob","action":"promote","version":"1.0.0\\u0007","environment":"production",\
            "reason":"\\u001b]0;x\\u0007"}
            not json \u{1B}[2J at all

            """,
        ])
    }

    @Test func everyCommandOnHostileFilesPrintsNoControlCharacter() {
        let root = Self.hostileRoot()
        let reads: [[String]] = [
            ["status"], ["status", "--json"], ["check"], ["log"], ["log", "--json"], ["log", "--env", "production"],
            ["checklist", "1.5.0"], ["checklist", "2.0.0"],
        ]
        for args in reads {
            let r = run(args, root: root.path)
            Self.expectClean(r, args.joined(separator: " "))
            #expect(r.code == 0 || r.code == 1, "\(args): \(r.code) \(r.err)")
        }
        let status = run(["status"], root: root.path)
        #expect(status.out.contains("RED"), "the text stays, without its escapes")
        // JSON escapes the control characters (C1 included) instead of dropping them.
        let json = run(["status", "--json"], root: root.path)
        #expect(json.out.contains("\\u001b") && json.out.contains("\\u009b"), "\(json.out)")
    }

    @Test func refusalsAndBadArgumentsEchoNoControlCharacter() {
        let root = Self.hostileRoot()
        let before = root.fingerprint()
        let e = Self.evil
        let cases: [(args: [String], user: String, code: Int32)] = [
            (["promote", "1.5.0", "--to", "production", "--yes"], "alice", 1),  // refused: the freeze's reason
            (["promote", e + "1.0", "--to", "qa"], "alice", 2),
            (["promote", "1.5.0", "--to", e], "alice", 2),
            (["approve", "1.5.0", "--env", "production"], e + "mallory", 1),  // the actor is not an approver
            (["approve", "1.5.0", "--env", e], "alice", 2),
            (["checklist", "1.5.0", "--done", e], "alice", 2),
            (["checklist", e], "alice", 2),
            (["rollback", e], "alice", 2),
            (["rollback", "production", "--to", e], "alice", 2),
            (["log", "--env", e], "alice", 2),
            (["sync"], "alice", 1),
            ([e + "status"], "alice", 2),
            (["status", "--" + e], "alice", 2),
            (["promote"], "alice", 2),
            (["checklist", "1.5.0", "--done", "x", "--undo", e], "alice", 2),
            (["--theme", e], "alice", 2),
            (["dashboard"], "alice", 2),
        ]
        for c in cases {
            let r = run(c.args, root: root.path, user: c.user)
            Self.expectClean(r, c.args.joined(separator: " "))
            #expect(r.code == c.code, "\(c.args): \(r.code) \(r.err)")
            #expect(!r.err.isEmpty, "\(c.args) says why")
        }
        #expect(root.fingerprint() == before, "refusals change no file")
        let frozen = run(["promote", "1.5.0", "--to", "production", "--yes"], root: root.path)
        #expect(frozen.err.contains("frozen: [31mRED]0;pwned2J"), "\(frozen.err)")
        let badRoot = run(["status", "--root", root.path + "/" + e])
        Self.expectClean(badRoot, "a hostile --root")
        #expect(badRoot.code == 2)
        for args in [["--help"], ["help", "promote"], ["--version"]] {
            let r = run(args)
            Self.expectClean(r, args.joined(separator: " "))
            #expect(r.code == 0)
        }
    }

    @Test func aChangeWithHostileTextIsRecordedAndEchoedClean() {
        let root = Self.hostileRoot()
        let r = run(["checklist", "1.5.0", "--done", "feature-complete", "--note", Self.evil], root: root.path)
        Self.expectClean(r, "checklist --note")
        #expect(r.code == 0, "\(r.err)")
        let shown = run(["checklist", "1.5.0"], root: root.path)
        Self.expectClean(shown, "checklist after a hostile note")
        #expect(shown.out.contains("note: [31mRED]0;pwned2J"), "\(shown.out)")
    }

    @Test func aLongValueIsCutInAnErrorLine() {
        let root = shopRoot()
        let long = String(repeating: "x", count: 10_000)
        let version = run(["promote", long, "--to", "qa"], root: root.path)
        #expect(version.code == 2)
        #expect(version.err.count < 600 && version.err.contains("…"), "\(version.err.count) characters")
        let actor = run(["approve", "2.4.0", "--env", "production"], root: root.path, user: long)
        #expect(actor.code == 1)
        #expect(actor.err.count < 1000 && actor.err.contains("…"), "\(actor.err.count) characters")
        let option = run(["status", "--" + long], root: root.path)
        #expect(option.code == 2 && option.err.count < 2000, "\(option.err.count) characters")
    }

    @Test func aFailedWriteFailsTheCommand() throws {
        let root = shopRoot()
        let ticked = run(["checklist", "2.4.0", "--done", "code-freeze"], root: root.path)
        #expect(ticked.code == 0, "the log has a line to print")
        let commands = [
            ["status"], ["status", "--json"], ["check"], ["log"], ["checklist", "2.4.0"],
            ["--help"], ["--version"],
        ]
        for args in commands {
            let r = run(args, root: args.first?.hasPrefix("-") == true ? nil : root.path, stdout: "/dev/full")
            #expect(r.code == 1, "\(args) exits 1 when its output is lost: \(r.code)")
            #expect(r.err == "airlock: cannot write to standard output: No space left on device\n", "\(args): \(r.err)")
        }
        // A change that cannot say it was made still fails (it is recorded: the audit log has it).
        let r = run(["approve", "2.4.0", "--env", "production"], root: root.path, stdout: "/dev/full")
        #expect(r.code == 1, "\(r.err)")
    }

    // MARK: - Hooks

    /// A root whose promote hook is `script` (a shell script), with `hooks.timeout`.
}
