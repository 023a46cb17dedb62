// Hostile hooks: one that never ends, ignores TERM, prints control sequences, leaves a grandchild, cannot start.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

extension HostileOutputTests {
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
        let r = run(["promote", "2.4.1", "--to", "staging"], root: root.path)
        #expect(r.code == 3)
        #expect(Self.controlBytes(r.outBytes).isEmpty, "stdout: \(r.outBytes)")
        #expect(Self.controlBytes(r.errBytes).isEmpty, "stderr: \(r.errBytes)")
        let out = r.out
        let err = r.err
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
        #expect(took < 10, "the command and its output end with the hook, not with its 20 s grandchild: \(took)s")
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
