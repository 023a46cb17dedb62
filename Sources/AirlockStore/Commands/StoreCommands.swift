// The commands' entry points: each checks its version names, then goes through the one door (`perform`).
import AirlockCore
import Foundation

extension Store {
    /// Runs `command` as `actor`: its version names checked, then planned and recorded under the root's lock.
    /// `confirmed`: the actor confirmed a change to a protected environment.
    public func run(_ command: Command, actor: String, confirmed: Bool) throws(OperationError) -> OperationResult {
        for version in command.versionNames { try Self.checkVersionName(version) }
        return try perform(
            actor: actor, command: command.name,
            Planning.planner(for: command, actor: actor, confirmed: confirmed, inputs: .disk(root: root)))
    }

    /// Requests the promotion of `version` into `target`.
    public func promote(
        version: String, to target: String, actor: String, confirmed: Bool, reason: String? = nil
    ) throws(OperationError) -> OperationResult {
        try run(.promote(version: version, to: target, reason: reason), actor: actor, confirmed: confirmed)
    }

    /// Requests a rollback of `target` to `to`, or to the version it ran before.
    public func rollback(
        environment target: String, to: String?, actor: String, confirmed: Bool, reason: String? = nil
    ) throws(OperationError) -> OperationResult {
        try run(.rollback(environment: target, to: to, reason: reason), actor: actor, confirmed: confirmed)
    }

    /// Records the actor's approval of `version` for `environment`.
    public func approve(version: String, environment target: String, actor: String) throws(OperationError)
        -> OperationResult
    {
        try run(.approve(version: version, environment: target), actor: actor, confirmed: true)
    }

    /// Ticks (`done: true`) or unticks a checklist item of a release.
    public func setChecklistItem(version: String, item: String, done: Bool, note: String?, actor: String)
        throws(OperationError) -> OperationResult
    {
        try run(.setItem(version: version, item: item, done: done, note: note), actor: actor, confirmed: true)
    }

    static func checkVersionName(_ version: String) throws(OperationError) {
        guard Names.isValidVersion(version) else {
            throw OperationError(
                .badInput,
                "\"\(Sanitize.line(version))\" is not a valid version (letters, digits, '.', '_', '+', '-'; no paths)")
        }
    }
}
