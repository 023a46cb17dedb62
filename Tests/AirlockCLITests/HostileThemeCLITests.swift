// Hostile input: theme files that try to reach the terminal, hang the check, or exhaust memory.
import AirlockTestSupport
import Foundation
import Testing

@Suite("Hostile input: themes") struct HostileThemeCLITests {
    static func env(_ dir: TempRoot, _ more: [String: String] = [:]) -> [String: String] {
        ["XDG_CONFIG_HOME": dir.path + "/config", "NO_COLOR": "", "CLICOLOR_FORCE": ""].merging(more) { $1 }
    }

    /// Every escape sequence in the output is one airlock built: ESC [ digits and semicolons m.
    static func onlyOurSGR(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x1B {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") else { return false }
                var j = i + 2
                while j < bytes.count, (0x30...0x39).contains(bytes[j]) || bytes[j] == UInt8(ascii: ";") { j += 1 }
                guard j < bytes.count, bytes[j] == UInt8(ascii: "m") else { return false }
                i = j + 1
                continue
            }
            if bytes[i] < 0x20 && bytes[i] != 0x0A { return false }
            i += 1
        }
        return true
    }

    @Test func escapesInNameAndDescriptionNeverReachTheTerminal() {
        let dir = TempRoot()
        let evil =
            "name: \"x\\e]0;pwned\\a\\e[2J\\r\\u202Eevil\"\n"
            + "description: \"d\\e[31mred\\x9b1m\\nline\"\nroles:\n  healthy: {fg: red}\n"
        dir.write("config/airlock/themes/evil\u{1B}[2J.yaml", evil)
        dir.write("evil.yaml", evil + "  blocked: {fg: red}\n")
        for force in ["", "1"] {
            let r = run(["theme", "list"], extraEnv: Self.env(dir, ["CLICOLOR_FORCE": force]))
            #expect(r.code == 0, "\(r.err)")
            #expect(Self.onlyOurSGR(r.outBytes) && Self.onlyOurSGR(r.errBytes), "\(r.out.debugDescription)")
            #expect(r.out.contains("d[31mred1m line"), "\(r.out.debugDescription)")
            #expect(!r.out.contains("\u{202E}") && !r.out.unicodeScalars.contains { $0.value == 0x9B })
        }
        let c = run(["theme", "check", dir.path + "/evil.yaml"], extraEnv: Self.env(dir))
        #expect(c.code == 1)
        #expect(Self.onlyOurSGR(c.outBytes) && Self.onlyOurSGR(c.errBytes), "\(c.out.debugDescription)")
        #expect(c.out.contains("x]0;pwned[2J evil: blocked: 3.59:1"), "\(c.out.debugDescription)")
    }

    @Test func aFIFOIsRefusedNotWaitedOn() {
        let dir = TempRoot()
        let fifo = dir.path + "/fifo.yaml"
        #expect(mkfifo(fifo, 0o644) == 0)
        // In the user's folder too: `list` skips it.
        try? FileManager.default.createDirectory(
            atPath: dir.path + "/config/airlock/themes", withIntermediateDirectories: true)
        #expect(mkfifo(dir.path + "/config/airlock/themes/pipe.yaml", 0o644) == 0)
        let r = run(["theme", "check", fifo], extraEnv: Self.env(dir), limit: 20)
        #expect(!r.timedOut && r.code == 2, "\(r.err)")
        #expect(r.err.contains("fifo.yaml: not a regular file (a FIFO)"), "\(r.err)")
        let l = run(["theme", "list"], extraEnv: Self.env(dir), limit: 20)
        #expect(!l.timedOut && l.code == 0 && !l.out.contains("pipe"), "\(l.out)")
    }

    @Test func hugeCRLFAndSymlinkedThemes() {
        let dir = TempRoot()
        dir.writeBytes("huge.yaml", Array("name: huge\n#".utf8) + [UInt8](repeating: 0x41, count: 2 * 1024 * 1024))
        var r = run(["theme", "check", dir.path + "/huge.yaml"], extraEnv: Self.env(dir))
        #expect(r.code == 2 && r.err.contains("larger than the 1 MiB limit"), "\(r.err)")
        dir.write("crlf.yaml", "name: crlf\r\nroles:\r\n  normal: {fg: 235, bg: 231}\r\n  border: {fg: 245}\r\n")
        r = run(["theme", "check", dir.path + "/crlf.yaml"], extraEnv: Self.env(dir))
        #expect(r.code == 0, "\(r.out)\(r.err)")
        #expect(symlink(dir.path + "/nowhere", dir.path + "/dangling.yaml") == 0)
        r = run(["theme", "check", dir.path + "/dangling.yaml"], extraEnv: Self.env(dir))
        #expect(r.code == 2 && r.err.hasPrefix("airlock: theme \(dir.path)/dangling.yaml: "), "\(r.err)")
        r = run(["theme", "check", "/dev/full/x.yaml"], extraEnv: Self.env(dir))
        #expect(r.code == 2)
    }

    @Test func aFullDiskIsOneLineNotACrash() {
        let dir = TempRoot()
        let r = run(["theme", "list"], extraEnv: Self.env(dir), stdout: "/dev/full")
        #expect(r.code != 0 && r.code < 128, "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
    }
}
