// The `hold` object of an environment in `status --json`: who paused auto-promotion into it, when and why.
import AirlockCore
import Foundation

extension Report {
    /// `{"by": ..., "at": ..., "reason": ...}`, or null: from the newest hold/resume line in the snapshot's window
    /// of the audit log's end.
    static func hold(on env: String, _ snap: Snapshot) -> JSON {
        guard let h = AutoPromoteHold.on(env, newestFirst: snap.audit.reversed()) else { return .null }
        return .object([
            ("by", .string(h.by)), ("at", .string(TimeFormat.formatTimestamp(h.at))), ("reason", .optional(h.reason)),
        ])
    }
}
