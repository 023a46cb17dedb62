// How an audit line reads, for every screen that shows one (dashboard, log view, command line).
import Foundation

extension AuditEntry {
    /// What the line says after who and what: `2.4.0 -> production from staging (was 2.3.0) — reason`.
    public func details(arrow: String = "->") -> String {
        switch action {
        case .deployed:
            return "\(version) on \(environment ?? "?")" + (previous.map { " (was \($0))" } ?? " (first report)")
        case .health:
            return "\(environment ?? "?") \(health ?? "?") (was \(previousHealth ?? "none")) running \(version)"
        case .release:
            return version + (reason.map { " — \($0)" } ?? "")
        case .hold, .resume:
            return "auto-promotion into \(environment ?? "?")" + (reason.map { " — \($0)" } ?? "")
        case .promote, .rollback, .approve, .check, .uncheck:
            break
        }
        var s = version
        if let env = environment { s += action == .check || action == .uncheck ? " (\(env))" : " \(arrow) \(env)" }
        if let from { s += " from \(from)" }
        if let previous { s += " (was \(previous))" }
        if let item { s += " item \(item)" }
        if let reason { s += " — \(reason)" }
        return s
    }
}

extension AuditEntry {
    /// The line as a sentence, for the dashboard's recent activity: `alice promoted 2.4.0 into qa (was 2.3.0)`.
    public var sentence: String {
        switch action {
        case .promote:
            return "\(actor) promoted \(version) into \(environment ?? "?")" + (previous.map { " (was \($0))" } ?? "")
        case .rollback:
            return "\(actor) rolled \(environment ?? "?") back to \(version)" + (previous.map { " (from \($0))" } ?? "")
        case .approve: return "\(actor) approved \(version) for \(environment ?? "?")"
        case .check: return "\(actor) ticked \(item ?? "?") of \(version)"
        case .uncheck: return "\(actor) unticked \(item ?? "?") of \(version)"
        case .deployed:
            return "\(environment ?? "?") runs \(version)" + (previous.map { " (was \($0))" } ?? "")
                + ", reported by \(actor)"
        case .health:
            return "\(environment ?? "?") is \(health ?? "?")" + (previousHealth.map { " (was \($0))" } ?? "")
                + " on \(version), reported by \(actor)"
        case .release: return "\(actor) cut release \(version)"
        case .hold:
            return "auto-promotion into \(environment ?? "?") held by \(actor)" + (reason.map { ": \($0)" } ?? "")
        case .resume: return "\(actor) resumed auto-promotion into \(environment ?? "?")"
        }
    }

    /// The line's columns as the log shows them: when, who, what, and the details.
    public func logColumns(arrow: String = "->") -> AuditColumns {
        AuditColumns(
            timestamp: TimeFormat.formatTimestamp(at), actor: actor, action: action.rawValue,
            details: details(arrow: arrow))
    }
}

/// An audit line's columns; screens pad or join them (`joined`: the log view's plain form).
public struct AuditColumns: Sendable, Equatable {
    public var timestamp: String
    public var actor: String
    public var action: String
    public var details: String

    /// `2026-11-21T22:40:00Z  alice  promote 2.4.0 → qa`: the dashboard's log view.
    public var joined: String { "\(timestamp)  \(actor)  \(action) \(details)" }
}
