import Foundation
import Testing
@testable import AirlockCore
@testable import AirlockStore

@Suite struct CLITests {
    @Test func commonOptionsMayComeFirstAsWithGit() {
        let root = shopRoot()
        let r = run(["--root", root.path, "status", "--json"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("\"pipeline\": \"shop\""))
    }

    @Test func anUnknownCommandIsNamed() {
        let r = run(["statuss"])
        #expect(r.code == 2)
        #expect(r.err == "airlock: unknown command \"statuss\" (commands: dashboard, demo, status, check, promote, approve, checklist, rollback, log, sync; see airlock --help)\n")
    }

    @Test func rootResolution() {
        let root = shopRoot()
        var r = run(["status"], extraEnv: ["AIRLOCK_ROOT": root.path])
        #expect(r.code == 0 && r.out.hasPrefix("pipeline shop"))
        r = run(["status", "--root", root.path + "/nope"])
        #expect(r.code == 2 && r.err.contains("no such folder"))
    }

    @Test func versionAndHelp() {
        #expect(run(["--version"]).out == "0.1.0\n")
        let help = run(["--help"])
        #expect(help.code == 0)
        for command in ["dashboard", "demo", "status", "check", "promote", "approve", "checklist", "rollback", "log", "sync"] {
            #expect(help.out.contains("  \(command)"), "\(command) listed")
        }
    }

    @Test func aBrokenThemeIsOneClearLine() {
        let root = shopRoot()
        root.write("mine.yaml", "name: mine\nroles:\n  stale: {bg: yelow}\n")
        let r = run(["--root", root.path, "--theme", root.path + "/mine.yaml"])
        #expect(r.code == 2)
        #expect(r.err == "airlock: theme \(root.path)/mine.yaml:3: roles.stale.bg: unknown color \"yelow\" (a name like green, 0-255, or #rrggbb)\n")
        let missing = run(["--root", root.path, "--theme", "neon"])
        #expect(missing.code == 2 && missing.err.contains("no such theme (available: default, high-contrast, light, monochrome, nord)"))
    }

    @Test func theDashboardNeedsATerminal() {
        let root = shopRoot()
        let r = run(["--root", root.path])
        #expect(r.code == 2 && r.err.contains("needs a terminal"))
    }

    @Test func humanStatusIsATable() {
        let root = shopRoot()
        let r = run(["status"], root: root.path)
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("ENVIRONMENT") && $0.contains("VERSION") && $0.contains("HEALTH") })
        #expect(lines.contains { $0.hasPrefix("production") && $0.contains("2.3.0") && $0.contains("healthy") })
        #expect(lines.contains { $0.contains("2.4.0  staging -> production  blocked") })
        #expect(lines.contains { $0.contains("approvals:0/2") && $0.contains("needs 2 more approvals (0/2)") })
    }
}
