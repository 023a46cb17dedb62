// The `hold` object of an environment in `status --json`: who paused auto-promotion into it, when and why.
import AirlockCore
import Foundation

extension Report {
    /// `{"by": ..., "at": ..., "reason": ...}`, or null: the newest hold/resume line of the whole audit log
    /// (`Snapshot.holds`, kept for `auto_promote` environments).
    static func hold(on env: String, _ snap: Snapshot) -> JSON {
        guard let h = snap.holds[env] else { return .null }
        return .object([
            ("by", .string(h.by)), ("at", .string(TimeFormat.formatTimestamp(h.at))), ("reason", .optional(h.reason)),
        ])
    }
}
