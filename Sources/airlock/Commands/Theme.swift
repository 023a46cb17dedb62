// `airlock theme check FILE|NAME` and `airlock theme list`: a theme's contrast, role by role; the themes on offer.
import AirlockStore
import AirlockTUI
import ArgumentParser
import Foundation

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Check a theme's contrast, or list the themes on offer.",
        subcommands: [ThemeCheck.self, ThemeList.self])
}

struct ThemeCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every role of a theme for WCAG AA contrast (4.5:1 text, 3:1 borders and dimmed text).",
        discussion: """
            Colors as xterm draws them by default (its 16 colors, the 256-color cube and grey ramp, bold showing \
            colors 0-7 bright). A role is checked against the background it is drawn on: its own, else the \
            theme's screen background (normal's bg), else the terminal's, assumed black. Exit 0 when every role \
            passes, 1 naming each that falls short, 2 when the theme cannot be read.
            """)
    @Argument(
        help: ArgumentHelp(
            "A theme file (a path, or a name ending in .yaml) or a theme's name.", valueName: "FILE|NAME"))
    var theme: String

    func run() throws {
        let loaded: Theme
        do {
            loaded = try ThemeCatalog.load().theme(theme)
        } catch {
            throw CommandFailure("theme \(Sanitize.value(error.description))", code: CommandFailure.badInput)
        }
        let name = Sanitize.value(loaded.name, limit: 60)
        let findings = loaded.contrastFindings()
        let failures = findings.filter { !$0.passes }
        if loaded.style(.normal).bg < 0 {
            Console.out("\(name): drawn on the terminal's background (assumed dark: black, with white-ish text)")
        }
        for f in failures { Console.out("\(name): \(f.description)") }
        guard failures.isEmpty else {
            let roles = Set(failures.map(\.role)).count
            printErr(
                "\(roles) role\(roles == 1 ? "" : "s") below WCAG AA contrast "
                    + "(\(failures.count) of \(findings.count) checks)"
            )
            throw CommandFailure(silentExit: CommandFailure.failed)
        }
        let lowest = findings.min { $0.ratio / $0.threshold < $1.ratio / $1.threshold }
        Console.out(
            "\(name): ok, every role passes (\(findings.count) checks"
                + (lowest.map { "; closest: \($0.description)" } ?? "") + ")")
    }
}

struct ThemeList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the bundled themes and yours, each with a one-line preview (colored on a terminal).")

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let catalog = ThemeCatalog.load(environment: env)
        // Colored on a terminal (or with CLICOLOR_FORCE set), never with NO_COLOR.
        let wanted = (isatty(1) != 0 && env["TERM"] != "dumb") || !(env["CLICOLOR_FORCE"] ?? "").isEmpty
        let colored = wanted && (env["NO_COLOR"] ?? "").isEmpty
        let names = catalog.entries.map { Sanitize.value($0.name, limit: 40) }
        let width = names.map(\.count).max() ?? 0
        for (entry, name) in zip(catalog.entries, names) {
            let padded = name + String(repeating: " ", count: max(0, width - name.count))
            let origin = entry.source.hasPrefix("built-in ") ? "" : "  (\(entry.source))"
            let theme: Theme
            do {
                theme = try Theme.parse(entry.text, path: entry.source)
            } catch {
                Console.out("\(padded)  cannot be read: \(Sanitize.value(error.description))")
                continue
            }
            let summary = Sanitize.value(theme.summary, limit: 100) + origin
            if colored {
                let runs = [(sgr: [0], text: padded + "  ")] + theme.previewRuns().map { (sgr: $0.sgr, text: $0.text) }
                Console.styled(runs + [(sgr: [0], text: "  " + summary)])
            } else {
                Console.out("\(padded)  \(summary)")
            }
        }
    }
}
