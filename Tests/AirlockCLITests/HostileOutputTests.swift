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
    static func hookRoot(_ script: String, timeout: String? = "1s") -> TempRoot {
        let root = shopRoot()
        let limit = timeout.map { "  timeout: \($0)\n" } ?? ""
        root.write("airlock.yaml", (root.read("airlock.yaml") ?? "") + "\nhooks:\n\(limit)  promote: [./hook.sh]\n")
        root.write("hook.sh", "#!/bin/sh\n" + script)
        chmod(root.path + "/hook.sh", 0o755)
        return root
    }

    static func pid(_ root: TempRoot, _ file: String) -> pid_t? {
        root.read(file).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    static func groupGone(_ pgid: pid_t) -> Bool {
        kill(-pgid, 0) == -1 && errno == ESRCH
    }

    @Test(.timeLimit(.minutes(1)))
    func aHookThatNeverEndsIsStoppedWithItsWholeGroup() throws {
        let root = Self.hookRoot("echo $$ > hook.pid\nsleep 1000 &\necho $! > child.pid\nsleep 1000\n")
        let started = Date()
        let r = run(["promote", "2.4.1", "--to", "staging"], root: root.path)
        let took = Date().timeIntervalSince(started)
        #expect(r.code == 3, "\(r.err)")
        #expect(r.err.contains("did not finish within 1s (hooks.timeout)"), "\(r.err)")
        #expect(took < 5, "stopped at its limit, not at the grace time: \(took)s")
        let pgid = try #require(Self.pid(root, "hook.pid"))
        let child = try #require(Self.pid(root, "child.pid"))
        #expect(Self.groupGone(pgid), "no process of the hook's group remains")
        #expect(kill(child, 0) == -1 && errno == ESRCH, "the sleeping grandchild is gone")
        #expect(root.read("promotions/staging.yaml")?.contains("2.4.1") == true, "the request stays recorded")
    }

    @Test(.timeLimit(.minutes(1)))
    func aHookThatIgnoresTermIsKilledAfterTheGraceTime() throws {
        let root = Self.hookRoot("echo $$ > hook.pid\ntrap '' TERM\nwhile :; do sleep 0.2; done\n")
        let started = Date()
        let r = run(["promote", "2.4.1", "--to", "staging"], root: root.path)
        let took = Date().timeIntervalSince(started)
        #expect(r.code == 3, "\(r.err)")
        #expect(took >= 5.5 && took < 15, "TERM at 1 s, KILL 5 s later: \(took)s")
        let pgid = try #require(Self.pid(root, "hook.pid"))
        #expect(Self.groupGone(pgid))
    }

    @Test(.timeLimit(.minutes(1)))
    func aHookStartsWithACleanSignalMaskWhateverItsCommandInherited() throws {
        let root = Self.hookRoot("grep -E '^Sig(Blk|Ign)' /proc/self/status > signals.txt\n", timeout: nil)
        // airlock itself started with INT, TERM and HUP blocked and ignored (as from a dashboard's worker thread).
        let wrapper = """
            import os, signal, sys
            sigs = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
            signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
            for s in sigs: signal.signal(s, signal.SIG_IGN)
            os.execv(sys.argv[1], sys.argv[1:])
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments =
            ["python3", "-c", wrapper, airlockBinary()]
            + ["promote", "2.4.1", "--to", "staging", "--root", root.path]
        var env = ProcessInfo.processInfo.environment
        env["AIRLOCK_USER"] = "alice"
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = try #require(root.read("signals.txt")).split(separator: "\n")
        func mask(_ name: String) -> UInt64? {
            lines.first { $0.hasPrefix(name + ":") }.flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) }
        }
        #expect(mask("SigBlk") == 0, "\(lines)")
        // Signals 1-31 at their default (glibc keeps its two internal real-time signals, 32 and 33, ignored).
        #expect(mask("SigIgn").map { $0 & 0x7FFF_FFFF } == 0, "\(lines)")
    }

    /// Runs the binary with its two streams kept as bytes (decoding first would hide a raw C1 byte).
    static func runBytes(_ args: [String], root: String) throws -> (code: Int32, out: [UInt8], err: [UInt8]) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: airlockBinary())
        p.arguments = args + ["--root", root]
        var env = ProcessInfo.processInfo.environment
        env["AIRLOCK_USER"] = "alice"
        p.environment = env
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // (Both outputs are small: read one after the other, as `run` does.)
        let outBytes = [UInt8](out.fileHandleForReading.readDataToEndOfFile())
        let errBytes = [UInt8](err.fileHandleForReading.readDataToEndOfFile())
        p.waitUntilExit()
        return (p.terminationStatus, outBytes, errBytes)
    }

    /// Bytes that must not reach a terminal: C0 but newline and tab, DEL, and (as bytes or as characters) C1,
    /// which raw is invalid UTF-8.
    static func controlBytes(_ bytes: [UInt8]) -> [UInt8] {
        guard let text = String(validating: bytes, as: UTF8.self) else { return bytes.filter { $0 >= 0x80 } }
        return controls(text).map { UInt8(truncatingIfNeeded: $0) }
    }

    @Test(.timeLimit(.minutes(1)))
    func aHookPrintingControlSequencesIsRelayedClean() throws {
        // ESC CSI (clear screen), a raw C1 CSI byte (invalid UTF-8), OSC with BEL, a C1 CSI as UTF-8, DEL.
        let script = #"""
            printf '\033[2J\233m hello out\n'
            printf '\033]0;pwned\007\302\233 hello err\177\n' >&2
            printf 'partial \033[31m' >&2
            exit 7
            """#
        let root = Self.hookRoot(script)
        let r = try Self.runBytes(["promote", "2.4.1", "--to", "staging"], root: root.path)
        #expect(r.code == 3)
        #expect(Self.controlBytes(r.out).isEmpty, "stdout: \(r.out)")
        #expect(Self.controlBytes(r.err).isEmpty, "stderr: \(r.err)")
        let out = String(decoding: r.out, as: UTF8.self)
        let err = String(decoding: r.err, as: UTF8.self)
        #expect(out.contains("[2J\u{FFFD}m hello out\n"), "the hook's stdout arrives on stdout: \(out)")
        #expect(err.contains("]0;pwned hello err\n"), "the hook's stderr arrives on stderr: \(err)")
        #expect(err.contains("partial [31m\nairlock: hook ./hook.sh exited with status 7"), "\(err)")
    }

    @Test(.timeLimit(.minutes(1)))
    func aGrandchildHoldingTheHooksOutputDoesNotHoldTheCommand() throws {
        // The grandchild leaves the hook's group (so stopping the group misses it) and keeps stdout open.
        let script = """
            setsid sh -c 'echo $$ > grandchild.pid; exec sleep 20' &
            while [ ! -s grandchild.pid ]; do sleep 0.05; done
            echo hello
            """
        let root = Self.hookRoot(script)
        let started = Date()
        let r = run(["promote", "2.4.1", "--to", "staging"], root: root.path)
        let took = Date().timeIntervalSince(started)
        let grandchild = try #require(Self.pid(root, "grandchild.pid"))
        defer { kill(grandchild, SIGKILL) }
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("hello"), "\(r.out)")
        #expect(took < 4, "the command and its output end with the hook, not with its grandchild: \(took)s")
    }

    @Test func aHookThatCannotStartIsNamed() {
        let root = shopRoot()
        root.write("airlock.yaml", root.read("airlock.yaml")! + "\nhooks:\n  promote: [\"./\\e[31mmissing.sh\"]\n")
        let r = run(["promote", "2.4.1", "--to", "staging"], root: root.path)
        #expect(r.code == 3)
        #expect(r.err.contains("hook ./[31mmissing.sh could not start"), "\(r.err)")
        Self.expectClean(r, "a hook that cannot start")
    }

    @Test func hooksTimeoutMustBeADuration() {
        let root = shopRoot()
        root.write("airlock.yaml", root.read("airlock.yaml")! + "\nhooks:\n  timeout: soon\n")
        let r = run(["check"], root: root.path)
        #expect(r.code == 1)
        let line = "airlock.yaml:13: hooks.timeout: expected a duration like 30s, 5m, 2h or 1d"
        #expect(r.out.contains(line), "\(r.out)")
    }
}
