// The agent's events: what changed between two looks at a pipeline (deploys, health, stale, ready, requests).
import Foundation

/// One event the agent tells notify commands about, with the values of its placeholders.
public struct AgentEvent: Sendable, Equatable {
    public var kind: AgentEventKind
    public var pipeline: String
    public var environment: String
    public var version: String
    public var previous: String = ""
    public var health: String = ""
    public var actor: String = ""
    public var reason: String = ""

    /// `argv` with `{event} {pipeline} {environment} {version} {previous} {health} {actor} {reason}` filled in
    /// (each argument as a whole string: never a shell).
    public func fill(_ argv: [String]) -> [String] {
        let values: [(String, String)] = [
            ("{event}", kind.rawValue), ("{pipeline}", pipeline), ("{environment}", environment),
            ("{version}", version), ("{previous}", previous), ("{health}", health), ("{actor}", actor),
            ("{reason}", reason),
        ]
        return argv.map { arg in values.reduce(arg) { $0.replacingOccurrences(of: $1.0, with: $1.1) } }
    }
}

public enum AgentEvents {
    /// What happened between `old` and `new` (a look at the root before and now), in pipeline order.
    public static func between(_ old: Snapshot, _ new: Snapshot, then: Date, now: Date) -> [AgentEvent] {
        guard let pipeline = new.pipeline else { return [] }
        let oldReady = Dictionary(
            Rules.pending(snapshot: old, now: then).filter { $0.state == .ready }.map { ($0.to, $0.version) },
            uniquingKeysWith: { a, _ in a })
        let newReady = Rules.pending(snapshot: new, now: now).filter { $0.state == .ready }
        var out: [AgentEvent] = []
        for env in pipeline.environments {
            let name = env.name
            func event(_ kind: AgentEventKind, _ version: String) -> AgentEvent {
                AgentEvent(kind: kind, pipeline: pipeline.name, environment: name, version: version)
            }
            let a = old.environments[name]
            let b = new.environments[name]
            if let b, !new.brokenEnvironments.contains(name) {
                let version = b.version ?? "?"
                if let v = b.version, v != a?.version {
                    var e = event(.deployed, v)
                    e.previous = a?.version ?? ""
                    e.actor = b.deployedBy ?? ""
                    out.append(e)
                }
                let h = Rules.health(of: b)
                if a != nil, h != Rules.health(of: a) {
                    var e = event(.health, version)
                    e.health = h.rawValue
                    e.previous = Rules.health(of: a).rawValue
                    out.append(e)
                }
            }
            if Rules.isStale(env, in: new, now: now) && !Rules.isStale(env, in: old, now: then) {
                out.append(event(.stale, b?.version ?? "?"))
            }
            if let r = new.promotions[name], r != old.promotions[name] {
                var e = event(r.kind == .rollback ? .rolledBack : .requested, r.version)
                e.previous = b?.version ?? ""
                e.actor = r.requestedBy
                e.reason = r.reason ?? ""
                out.append(e)
            }
            if let p = newReady.first(where: { $0.to == name }), oldReady[name] != p.version {
                var e = event(.ready, p.version)
                e.previous = b?.version ?? ""
                e.reason = "from \(p.from)"
                out.append(e)
            }
        }
        return out
    }
}
