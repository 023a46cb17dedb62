// What the dashboard tells the operator before they act: whether *they* may promote a pending release, and why not.

import AirlockCore
import Foundation

extension AppState {
    /// Why the actor cannot promote `p` (nil when they can), asked of the core's rule book exactly as `p` asks it.
    public func promoteRefusal(_ p: PendingPromotion) -> Refusal? {
        Authorization.check(.promote(version: p.version, to: p.to, reason: nil), by: actor, on: snapshot, now: now)
    }
}
