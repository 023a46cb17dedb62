// Performs a command through the store's runner, prints its outcome, then lets its hook run: the SPEC's exit codes.
import AirlockCore
import AirlockStore

/// Runs `command` as `actor` (the same runner as the dashboard); a refusal or a failed hook is the command's failure.
func perform(_ store: Store, _ command: Command, actor: String, confirmed: Bool = true) throws(CommandFailure) {
    let outcome: CommandOutcome
    do {
        outcome = try CommandRunner(store: store).run(
            command, actor: actor, confirmed: confirmed,
            recorded: { result in
                Console.recordedChange = result.changed
                Console.out(result.message)
                if let warning = result.warning { printErr("airlock: warning: \(warning)") }
                guard result.hook != nil else { return }
                // A signal now stops the hook's process group before the command ends (it is not in our group, so
                // the terminal's Ctrl-C does not reach it).
                StopSignals.catchThem()
                Console.flush()
            },
            runHook: { argv in
                HookRunner.run(argv, root: store.root, control: ProcessControl(stopWhen: { StopSignals.caught != 0 }))
            })
    } catch {
        throw CommandFailure(error.message, code: error.exitCode, details: error.blockers.map { "  blocked: \($0)" })
    }
    if let failure = outcome.hookFailure {
        let why = StopSignals.caught != 0 ? " on \(StopSignals.name(StopSignals.caught))" : ""
        throw CommandFailure("\(failure)\(why) (the request is recorded)", code: CommandFailure.hookFailed)
    }
}
