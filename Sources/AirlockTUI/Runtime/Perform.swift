// Carrying out one action of the dashboard through the store, then its hook; the result is a message for `update`.

import AirlockStore
import Foundation

extension DashboardApp {
    /// Runs one action through the store (the same rules, lock and audit as the command line).
    static func perform(
        _ action: Action, store: Store, actor: String, root: String,
        hook: RunningHook = RunningHook()
    ) -> Msg {
        do {
            let result: OperationResult
            switch action {
            case .promote(let version, let to):
                result = try store.promote(version: version, to: to, actor: actor, confirmed: true)
            case .rollback(let env, let to):
                result = try store.rollback(environment: env, to: to, actor: actor, confirmed: true)
            case .approve(let version, let env):
                result = try store.approve(version: version, environment: env, actor: actor)
            case .setItem(let version, let item, let done):
                result = try store.setChecklistItem(version: version, item: item, done: done, note: nil, actor: actor)
            }
            if let argv = result.hook, let program = argv.first {
                // The hook's output is discarded: the terminal is the dashboard's.
                let failure = hook.run(program) { HookRunner.run(argv, root: root, quiet: true, control: $0) }
                if let failure { return .actionDone(message: "\(result.message); \(failure)", isError: true) }
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
