// Performs a store command, prints its outcome, then runs its hook: the SPEC's exit codes for each step.
import AirlockStore

/// Runs a store operation; a refusal or a failed hook is thrown as the command's failure.
func perform(
    _ store: Store, _ op: (Store) throws(OperationError) -> OperationResult
) throws(CommandFailure) {
    let root = store.root
    let result: OperationResult
    do {
        result = try op(store)
    } catch {
        throw CommandFailure(error.message, code: error.exitCode, details: error.blockers.map { "  blocked: \($0)" })
    }
    Console.recordedChange = result.changed
    Console.out(result.message)
    if let warning = result.warning { printErr("airlock: warning: \(warning)") }
    guard let hook = result.hook else { return }
    // A signal now stops the hook's process group before the command ends (it is not in our group, so the
    // terminal's Ctrl-C does not reach it).
    StopSignals.catchThem()
    let control = ProcessControl(stopWhen: { StopSignals.caught != 0 })
    Console.flush()
    if let failure = HookRunner.run(hook, root: root, control: control) {
        let why = StopSignals.caught != 0 ? " on \(StopSignals.name(StopSignals.caught))" : ""
        throw CommandFailure("\(failure)\(why) (the request is recorded)", code: CommandFailure.hookFailed)
    }
}
