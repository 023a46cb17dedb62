// What a rollback of an environment may return to, read from the audit log for the dashboard's picker.
import AirlockCore
import Foundation

/// What a rollback of an environment may return to, for the dashboard: the default target when the audit log
/// names one the rule allows, else the versions the rule allows (read from the log's end, as the command does).
public struct RollbackChoices: Sendable, Equatable {
    public var environment: String
    public var current: String
    /// The version a plain rollback returns to, when the log says and the rule allows it.
    public var target: String?
    /// Otherwise the allowed versions with a release file, newest first.
    public var versions: [String]
    /// Why nothing can be offered (the log cannot be read).
    public var error: String?
}

extension Store {
    /// The rollback choices of `environment` as it is now (nil when it reports no version).
    public func rollbackChoices(environment: String) -> RollbackChoices? {
        let snap = snapshot()
        guard let current = snap.environments[environment]?.version else { return nil }
        var out = RollbackChoices(environment: environment, current: current, target: nil, versions: [], error: nil)
        // First only as far as the line that moved it to its current version; the whole log when that is missing.
        let read = AuditScan.history(root: root, environment: environment, current: current) { $0.sawCurrentMove }
        var history: RunHistory
        switch read {
        case .success(let h): history = h
        case .failure(let e):
            out.error = e.problem.description
            return out
        }
        if let previous = history.previousOfCurrent, snap.releases[previous] != nil,
            Rules.rollbackRefusal(
                env: environment, current: current, target: previous, history: history,
                releases: snap.releases) == nil
        {
            out.target = previous
            return out
        }
        if !history.complete {
            let all = AuditScan.history(root: root, environment: environment, current: current) { _ in false }
            if case .success(let h) = all { history = h }
        }
        out.versions = Array(
            Rules.rollbackChoices(
                env: environment, current: current, history: history,
                releases: snap.releases
            ).prefix(20))
        return out
    }
}
