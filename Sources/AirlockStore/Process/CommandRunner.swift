// Runs a command then its hook: the one sequence the command line and the dashboard share.
import AirlockCore
import Foundation

/// What running a command came to: the store's result, and why its hook failed when it did.
public struct CommandOutcome: Sendable {
    public var result: OperationResult
    /// Why the hook failed (the change is recorded all the same); nil when it succeeded or there was none.
    public var hookFailure: String?
}

/// Performs a command through the store, then the pipeline's hook for it (once the change is recorded).
public struct CommandRunner: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Runs `command` as `actor`. `recorded` hears the result as soon as the change is recorded, before the hook
    /// starts (the command line prints it then); `runHook` runs the hook's argv and returns why it failed, or nil.
    /// Throws the refusal when the command is not carried out (nothing recorded, no hook run).
    public func run(
        _ command: Command, actor: String, confirmed: Bool,
        recorded: (OperationResult) -> Void = { _ in },
        runHook: ([String]) -> String?
    ) throws(OperationError) -> CommandOutcome {
        let result = try store.run(command, actor: actor, confirmed: confirmed)
        recorded(result)
        guard let argv = result.hook else { return CommandOutcome(result: result, hookFailure: nil) }
        return CommandOutcome(result: result, hookFailure: runHook(argv))
    }
}
