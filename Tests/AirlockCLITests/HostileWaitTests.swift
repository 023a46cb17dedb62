// Hostile input for `airlock wait` and `status --watch`: FIFOs and symlinks where files belong, huge files, escape
// sequences in values, garbage durations. Nothing hangs, nothing is changed, no control character is printed.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile input: wait and status --watch", .timeLimit(.minutes(2)))
struct HostileWaitTests {
    static func controls(_ s: String) -> [UInt32] {
        s.unicodeScalars.map(\.value).filter { v in
            (v < 0x20 && v != 0x0A && v != 0x09) || v == 0x7F || (v >= 0x80 && v < 0xA0)
        }
    }

    /// Replaces production's file with `make` while a wait runs: one problem line, the wait goes on, and once a
    /// proper file says 2.0.0 it exits 0.
    func survives(_ what: String, _ make: (TempRoot) -> Void) throws {
        let root = waitRoot()
        let (p, _, err) = try launch(["wait", "2.0.0", "--env", "production"], root: root.path)
        #expect(err.wait(for: "waiting for", within: 20), "\(what)")
        make(root)
        #expect(err.wait(for: "(still waiting)", within: 20), "\(what): \(err.text)")
        #expect(p.isRunning, "\(what)")
        cdReport(root, "production", "2.0.0")
        #expect(childEnded(p, within: 20), "\(what)")
        #expect(p.terminationStatus == 0, "\(what): \(err.text)")
        err.finish(within: 5)
        #expect(Self.controls(err.text).isEmpty, "\(what)")
        #expect(err.text.contains("environments/production.yaml"), "\(what): \(err.text)")
    }

    @Test func aFIFOInPlaceOfTheEnvironmentFile() throws {
        try survives("FIFO") { root in
            let path = root.path + "/environments/production.yaml"
            unlink(path)
            mkfifo(path, 0o644)
        }
    }

    @Test func aSymlinkOutOfTheRoot() throws {
        let outside = TempRoot(["secret.yaml": "version: 2.0.0\nhealth: healthy\n"])
        try survives("symlink") { root in
            let path = root.path + "/environments/production.yaml"
            unlink(path)
            symlink(outside.path + "/secret.yaml", path)
        }
    }

    @Test func aHugeEnvironmentFile() throws {
        try survives("huge file") { root in
            let line = "# " + String(repeating: "x", count: 1022) + "\n"
            let text = "version: 1.0.0\n" + String(repeating: line, count: 40 * 1024)
            cdWrite(root, "environments/production.yaml", text)
        }
    }

    @Test func aMissingEnvironmentFileMeanwhile() throws {
        try survives("missing") { root in unlink(root.path + "/environments/production.yaml") }
    }

    @Test func escapeSequencesInVersionsAndHealthDetailsNeverReachTheTerminal() throws {
        let root = waitRoot()
        let evil = #""\e[31mRED\e]0;pwned\a\x9b2J\x7f\b\r""#
        let (p, out, err) = try launch(
            ["wait", "2.0.0", "--env", "production", "--healthy", "--fail-after", "1s", "--json"], root: root.path)
        #expect(err.wait(for: "waiting for", within: 20))
        cdWrite(
            root, "environments/production.yaml",
            "version: \(evil)\nupdated_at: \(TimeFormatText.now())\nchecks:\n  - {name: \(evil), status: failing, "
                + "detail: \(evil)}\n")
        #expect(err.wait(for: "is not a valid version", within: 20), "\(err.text)")
        cdWrite(
            root, "environments/production.yaml",
            "version: 2.0.0\nupdated_at: \(TimeFormatText.now())\nchecks:\n  - {name: http, status: failing, "
                + "detail: \(evil)}\n")
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 1)
        err.finish(within: 5)
        out.finish(within: 5)
        #expect(Self.controls(err.text).isEmpty, "\(err.text.unicodeScalars.map(\.value))")
        #expect(Self.controls(out.text).isEmpty)
        #expect(err.text.contains("has been down"), "\(err.text)")
        // JSON keeps values whole, escaped.
        #expect(out.text.contains("\"version\":\"2.0.0\""), "\(out.text)")

        let (s, sout, _) = try launch(["status", "--watch"], root: root.path)
        cdWrite(root, "environments/staging.yaml", "version: \(evil)\nhealth: healthy\n")
        #expect(sout.wait(for: "RED", within: 20))
        kill(s.processIdentifier, SIGINT)
        #expect(childEnded(s, within: 20))
        sout.finish(within: 5)
        #expect(Self.controls(sout.text).isEmpty)
    }

    @Test func garbageDurationsAreBadInput() {
        let root = waitRoot()
        let before = root.fingerprint()
        let garbage = ["", "abc", "-5s", "5", "1e9s", "5 m", "\u{1B}[2J5m", "9999999999999999999999d", "0x10s", "∞s"]
        for text in garbage {
            for option in ["--timeout", "--fail-after"] {
                let r = run(["wait", "2.0.0", "--env", "production", option, text], root: root.path, limit: 30)
                #expect(r.code == 2, "\(option) \(text.debugDescription): \(r.code) \(r.err)")
                #expect(r.seconds < 10)
                #expect(Self.controls(r.err).isEmpty)
                #expect(r.err.contains(option), "\(r.err)")
            }
        }
        #expect(root.fingerprint() == before)
    }
}
