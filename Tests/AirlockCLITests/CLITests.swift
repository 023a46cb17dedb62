// The command line as a user meets it: option order, unknown commands and options, themes, exit codes.
import AirlockTestSupport
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
        #expect(
            r.err
                == "airlock: unknown command \"statuss\" (commands: dashboard, demo, status, check, promote, approve, "
                + "checklist, rollback, log, sync, report, release, wait, diff, stats, agent, resume, theme; "
                + "see airlock --help)\n"
        )
    }

    @Test func rootResolution() {
        let root = shopRoot()
        var r = run(["status"], extraEnv: ["AIRLOCK_ROOT": root.path])
        #expect(r.code == 0 && r.out.hasPrefix("pipeline shop"))
        r = run(["status", "--root", root.path + "/nope"])
        #expect(r.code == 2 && r.err.contains("no such folder"))
    }

    @Test func versionAndHelp() {
        #expect(run(["--version"]).out.hasPrefix("airlock 0.1.0 ("))
        let help = run(["--help"])
        #expect(help.code == 0)
        for command in [
            "dashboard", "demo", "status", "check", "promote", "approve", "checklist", "rollback", "log", "sync",
        ] {
            #expect(help.out.contains("  \(command)"), "\(command) listed")
        }
    }

    @Test func aBrokenThemeIsOneClearLine() {
        let root = shopRoot()
        root.write("mine.yaml", "name: mine\nroles:\n  stale: {bg: yelow}\n")
        let r = run(["--root", root.path, "--theme", root.path + "/mine.yaml"])
        #expect(r.code == 2)
        #expect(
            r.err
                == "airlock: theme \(root.path)/mine.yaml:3: roles.stale.bg: unknown color \"yelow\" "
                + "(a name like green, 0-255, or #rrggbb)\n"
        )
        let missing = run(["--root", root.path, "--theme", "neon"])
        #expect(
            missing.code == 2
                && missing.err.contains("no such theme (available: default, high-contrast, light, monochrome, nord)"))
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

    @Test func statusColumnsNeverRunTogether() {
        let root = shopRoot()
        // Taken now (not when the test process started), with 20 s to spare before the age turns 34m.
        let stale = TimeFormat.formatTimestamp(Date().addingTimeInterval(-33 * 60 - 20))
        root.write(
            "environments/development.yaml",
            """
            version: 2.5.0
            updated_at: \(stale)
            checks:
              - {name: http, status: passing}
              - {name: db, status: passing}
              - {name: queue, status: warning}
            """)
        let requester = String(repeating: "r", count: 30)
        root.write(
            "promotions/qa.yaml",
            "version: 2.4.1\nfrom: development\nkind: promotion\n"
                + "requested_by: \(requester)\nrequested_at: \(recent)\n")
        let r = run(["status"], root: root.path)
        let lines = r.out.split(separator: "\n").map(String.init)
        let dev = lines.first { $0.hasPrefix("development") } ?? ""
        let cells = dev.split(separator: "  ", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(cells == ["development", "2.5.0", "degraded", "33m ago STALE", "2ok 1w 0f", "-"], "\(dev)")
        // Every row's cells start where the header's do.
        let header = lines.first { $0.hasPrefix("ENVIRONMENT") } ?? ""
        for name in ["CHECKS", "REQUEST"] {
            let column = header.range(of: name).map { header.distance(from: header.startIndex, to: $0.lowerBound) } ?? 0
            let envs = ["development", "qa", "staging", "production"]
            for row in lines where envs.contains(where: { row.hasPrefix($0) }) {
                let cut = row.index(row.startIndex, offsetBy: column, limitedBy: row.endIndex) ?? row.endIndex
                #expect(row[..<cut].hasSuffix("  "), "\(name) starts after two spaces: \(row)")
            }
        }
    }

    @Test func anErrorIsOneLineWhateverItsValuesHold() {
        let root = shopRoot()
        let r = run(
            ["approve", "2.4.0", "--env", "production"], root: root.path, user: "mallory\nalice approved 2.4.0")
        #expect(r.code == 1)
        #expect(r.err.split(separator: "\n").count == 1, "a newline in a value cannot forge a second line: \(r.err)")
        #expect(r.err.hasPrefix("airlock: mallory alice approved 2.4.0 is not an approver"))
    }
}
