// A `notify:` entry of airlock.yaml: which agent events run which argv, within what time.
import Foundation

/// What the agent tells notify commands about.
public enum AgentEventKind: String, Sendable, CaseIterable, Equatable {
    case deployed, health, stale, ready, requested
    case rolledBack = "rolled-back"
}

/// `{on: [EVENTS], run: [argv...], timeout: DUR}`: the argv (placeholders filled in) run for each event named.
public struct NotifyRule: Sendable, Equatable {
    public var on: Set<AgentEventKind>
    public var run: [String]
    public var timeout: TimeInterval

    public static let defaultTimeout: TimeInterval = 30

    public init(on: Set<AgentEventKind>, run: [String], timeout: TimeInterval = defaultTimeout) {
        self.on = on
        self.run = run
        self.timeout = timeout
    }
}
