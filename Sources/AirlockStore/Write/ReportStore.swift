// The store's entry points for what CI and monitoring write: `airlock report ENV` and `airlock release V`.
import AirlockCore
import Foundation

extension Store {
    /// Records what an environment reports (`airlock report`): its file rewritten with every key it is not told
    /// about kept, `deployed`/`health` audit lines for a new version or health; a heartbeat changes only
    /// `updated_at` and, with git, is not committed. Bad input throws `.badInput` before anything is written.
    public func report(_ change: ReportChange, actor: String) throws(OperationError) -> OperationResult {
        guard Names.isValidEnvironment(change.environment) else {
            throw OperationError(
                .badInput, "\"\(Sanitize.value(change.environment))\" is not an environment name ([a-z0-9-], no paths)")
        }
        _ = try change.parsed(actor: actor)  // every value checked before the lock is taken
        return try perform(actor: actor, command: "report", Planning.report(change, actor: actor, root: root))
    }

    /// Creates `releases/V.yaml` or sets its metadata in place (`airlock release`).
    public func release(_ change: ReleaseMetaChange, actor: String) throws(OperationError) -> OperationResult {
        try Self.checkVersionName(change.version)
        _ = try change.fields(actor: actor, now: clock(), creating: true)
        return try perform(
            actor: actor, command: "release",
            Planning.release(change, actor: actor, root: root, inputs: .disk(root: root)))
    }
}
