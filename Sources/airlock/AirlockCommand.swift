// The root command: the list of commands, and the one place where an error becomes output and an exit code.
import AirlockStore
import ArgumentParser
import Foundation

@main
struct Airlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airlock",
        abstract: "A terminal dashboard for the road a release travels from development to production.",
        discussion: """
            The status root (default ./status, or --root DIR, or AIRLOCK_ROOT) holds airlock.yaml, \
            environments/, releases/, promotions/ and audit.jsonl; a fleet root holds such folders, one per pipeline \
            (name one with --pipeline NAME or AIRLOCK_PIPELINE). The actor is AIRLOCK_USER, else USER.
            """,
        version: AirlockVersion.string,
        subcommands: [
            Dashboard.self, Demo.self, Status.self, Check.self, Promote.self, Approve.self,
            ChecklistCommand.self, Rollback.self, Log.self, Sync.self,
            ReportCommand.self,
            ReleaseCommand.self,
            Wait.self,
            Diff.self,
            Stats.self,
            Agent.self,
            Resume.self,
            ThemeCommand.self,
        ],
        defaultSubcommand: Dashboard.self
    )

    static func main() {
        do {
            let arguments = try LeadingOptions.arrange(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let failure as CommandFailure {
            failure.report()
        } catch {
            // ArgumentParser's own words (help, usage errors echoing an argument) go through the same writer as ours.
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .validationFailure {
                // Usage errors are bad input: exit 2, as every other bad input.
                Console.err(message)
                Console.exit(CommandFailure.badInput)
            }
            if !message.isEmpty {
                if code == .success { Console.out(message) } else { Console.err(message) }
            }
            Console.exit(code.rawValue)
        }
        Console.exit(0)
    }
}

/// What `airlock --version` prints: the release and the commit it was built from (`BuildCommit` is written before
/// each build by the CommitStamp plugin: `abc1234`, `abc1234-dirty` or `unknown commit`).
enum AirlockVersion {
    static let number = "0.1.0"
    static let string = "airlock \(number) (\(BuildCommit.id))"
}
