// `airlock theme check` and `airlock theme list` as a user meets them: exit codes, failing roles, previews.
import AirlockTestSupport
import Foundation
import Testing

@Suite struct ThemeCLITests {
    /// No user themes: a fresh config folder.
    static func env(_ dir: TempRoot, _ more: [String: String] = [:]) -> [String: String] {
        ["XDG_CONFIG_HOME": dir.path + "/config", "NO_COLOR": "", "CLICOLOR_FORCE": ""].merging(more) { $1 }
    }

    @Test(arguments: ["default", "light", "high-contrast", "nord", "monochrome"])
    func everyBundledThemePasses(name: String) {
        let dir = TempRoot()
        let r = run(["theme", "check", name], extraEnv: Self.env(dir))
        #expect(r.code == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("\(name): ok, every role passes"), "\(r.out)")
    }

    @Test func aFailingThemeNamesEachRoleWithItsRatio() {
        let dir = TempRoot()
        dir.write(
            "old.yaml",
            "name: old\nroles:\n  title: {fg: black, bg: cyan, bold: true}\n  blocked: {fg: red}\n")
        let before = dir.fingerprint()
        let r = run(["theme", "check", dir.path + "/old.yaml"], extraEnv: Self.env(dir))
        #expect(r.code == 1, "\(r.out)\(r.err)")
        #expect(r.out.contains("old: title: 2.02:1, needs 4.5:1 (#7f7f7f on #00cdcd)\n"), "\(r.out)")
        #expect(r.out.contains("old: blocked: 3.59:1, needs 4.5:1 (#cd0000 on #000000)\n"), "\(r.out)")
        #expect(r.out.contains("assumed dark"))
        #expect(r.err == "2 roles below WCAG AA contrast (3 of 46 checks)\n", "\(r.err)")
        #expect(dir.fingerprint() == before)
    }

    @Test func aLightThemeWithItsOwnBackgroundPasses() {
        let dir = TempRoot()
        dir.write("mine.yaml", "name: mine\nroles:\n  normal: {fg: 235, bg: 231}\n  border: {fg: 245}\n")
        let r = run(["theme", "check", dir.path + "/mine.yaml"], extraEnv: Self.env(dir))
        #expect(r.code == 0, "\(r.out)\(r.err)")
        #expect(!r.out.contains("assumed dark"))
    }

    @Test func badInputIsExitTwoWithFileAndLine() {
        let dir = TempRoot()
        dir.write("bad.yaml", "name: bad\nroles:\n  healthy: {fg: grene}\n")
        var r = run(["theme", "check", dir.path + "/bad.yaml"], extraEnv: Self.env(dir))
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("airlock: theme \(dir.path)/bad.yaml:3: roles.healthy.fg: unknown color"), "\(r.err)")
        r = run(["theme", "check", "neon"], extraEnv: Self.env(dir))
        #expect(r.code == 2 && r.err.contains("no such theme (available: default,"), "\(r.err)")
        r = run(["theme", "check", dir.path + "/missing.yaml"], extraEnv: Self.env(dir))
        #expect(r.code == 2 && r.err.contains("missing.yaml: cannot be read"), "\(r.err)")
        r = run(["theme", "check"], extraEnv: Self.env(dir))
        #expect(r.code == 2)
    }

    @Test func listShowsEveryThemeAndTheUsersOnes() {
        let dir = TempRoot()
        dir.write("config/airlock/themes/mine.yaml", "name: mine\ndescription: my own\nroles:\n  healthy: {fg: 46}\n")
        dir.write("config/airlock/themes/broken.yaml", "name: [\n")
        let r = run(["theme", "list"], extraEnv: Self.env(dir))
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        let names = lines.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(names == ["default", "broken", "high-contrast", "light", "mine", "monochrome", "nord"], "\(r.out)")
        #expect(lines.contains { $0.hasPrefix("light ") && $0.contains("dark text on its own white screen") })
        #expect(
            lines.contains {
                $0.hasPrefix("mine ") && $0.hasSuffix("my own  (\(dir.path)/config/airlock/themes/mine.yaml)")
            })
        #expect(
            lines.contains { $0.hasPrefix("broken ") && $0.contains("cannot be read: ") && $0.contains("broken.yaml:") }
        )
        #expect(!r.outBytes.contains(0x1B), "no color when stdout is not a terminal")
    }

    @Test func listPreviewsInColorUnlessNoColor() {
        let dir = TempRoot()
        let colored = run(["theme", "list"], extraEnv: Self.env(dir, ["CLICOLOR_FORCE": "1"]))
        #expect(colored.code == 0)
        let light = colored.out.split(separator: "\n").first { $0.hasPrefix("\u{1B}[0mlight ") }.map(String.init) ?? ""
        // The light theme's sample: its title bar, and healthy drawn on its own white screen.
        #expect(light.contains("\u{1B}[0;1;38;5;7;48;5;25m airlock "), "\(light.debugDescription)")
        #expect(light.contains("\u{1B}[0;1;38;5;28;48;5;231m✓ healthy"), "\(light.debugDescription)")
        #expect(light.hasSuffix("\u{1B}[0m"))
        let plain = run(["theme", "list"], extraEnv: Self.env(dir, ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"]))
        #expect(plain.code == 0 && !plain.outBytes.contains(0x1B))
        #expect(plain.out.split(separator: "\n").count == colored.out.split(separator: "\n").count)
    }
}
