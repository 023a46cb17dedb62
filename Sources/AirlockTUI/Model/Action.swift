// The changes the dashboard asks the store to make, and the words the status line uses while one runs.

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
}
