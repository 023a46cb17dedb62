// The changes the dashboard asks the store to make, the core command each is, and the words shown while one runs.

import AirlockCore

/// A change the dashboard asks the store to make; every one goes through `Store`, as the command line does.
public enum Action: Equatable, Sendable {
    case promote(version: String, to: String)
    case rollback(environment: String, to: String)
    case approve(version: String, environment: String)
    case setItem(version: String, item: String, done: Bool)

    var verb: String {
        switch self {
        case .promote: return "promoting"
        case .rollback: return "rolling back"
        case .approve: return "approving"
        case .setItem: return "updating checklist"
        }
    }

    /// The core command this action is (the dashboard gives no reason or note; it confirms in its dialog).
    var command: Command {
        switch self {
        case .promote(let version, let to): .promote(version: version, to: to, reason: nil)
        case .rollback(let environment, let to): .rollback(environment: environment, to: to, reason: nil)
        case .approve(let version, let environment): .approve(version: version, environment: environment)
        case .setItem(let version, let item, let done): .setItem(version: version, item: item, done: done, note: nil)
        }
    }
}
