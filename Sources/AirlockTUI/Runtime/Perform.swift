// Carrying out one action of the dashboard through the store, then its hook; the result is a message for `update`.

import AirlockCore
import AirlockStore
import Foundation

extension DashboardApp {
    /// Runs one action through the store and its hook (the same runner, rules, lock and audit as the command line).
    static func perform(
        _ action: Action, store: Store, actor: String, root: String,
        hook: RunningHook = RunningHook()
    ) -> Msg {
        do {
            // The hook's output is discarded: the terminal is the dashboard's.
            let outcome = try CommandRunner(store: store).run(action.command, actor: actor, confirmed: true) { argv in
                hook.run(argv.first ?? "") { HookRunner.run(argv, root: root, quiet: true, control: $0) }
            }
            let result = outcome.result
            if let failure = outcome.hookFailure {
                return .actionDone(message: "\(result.message); \(failure)", isError: true)
            }
            if let warning = result.warning {
                return .actionDone(message: "\(result.message); \(warning)", isError: true)
            }
            return .actionDone(message: result.message, isError: false)
        } catch {
            return .actionDone(message: error.message, isError: true)
        }
    }
}
