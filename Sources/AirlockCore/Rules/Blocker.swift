// Why a promotion cannot go ahead: the blockers, their codes and their words.
import Foundation

/// Why a promotion cannot go ahead, in the SPEC's order.
public enum Blocker: Sendable, Equatable {
    case unknownRelease
    case gate(String)
    case approvals(have: Int, need: Int)
    case freeze(reason: String, until: Date)
    /// Outside every deploy window of the environment: `name` is the window that opens next, at `opens`.
    case window(name: String, opens: Date?)
    case unhealthy(String, Health)
    /// `broken`: the environment's file has a problem and its last good state is shown.
    case stale(String, since: Date?, broken: Bool)
    case soak(String, remaining: TimeInterval?)
    case schema(have: Int, need: Int)

    /// The SPEC's spelling: `gate:monitoring`, `approvals:1/2`, ...
    public var code: String {
        switch self {
        case .unknownRelease: return "unknown-release"
        case .gate(let id): return "gate:\(id)"
        case .approvals(let have, let need): return "approvals:\(have)/\(need)"
        case .freeze(let reason, _): return "freeze:\(reason)"
        case .window(let name, _): return "window:\(name)"
        case .unhealthy(let env, _): return "unhealthy:\(env)"
        case .stale(let env, _, _): return "stale:\(env)"
        case .soak(let env, _): return "soak:\(env)"
        case .schema(let have, let need): return "schema:\(have)/\(need)"
        }
    }

    /// Words an operator understands.
    public func explanation(now: Date, titles: [String: String] = [:]) -> String {
        switch self {
        case .unknownRelease: return "no release file for this version"
        case .gate(let id):
            if let title = titles[id] { return "checklist: \(id) not done (\(title))" }
            return "checklist: \(id) not done"
        case .approvals(let have, let need):
            let more = need - have
            return "needs \(more) more approval\(more == 1 ? "" : "s") (\(have)/\(need))"
        case .freeze(let reason, let until):
            return "frozen: \(reason), until \(TimeFormat.formatShort(until, now: now))"
        case .window(let name, let opens):
            guard let opens else { return "outside its deploy windows: \(name) never opens" }
            let wait = TimeFormat.formatAge(opens.timeIntervalSince(now))
            return "outside its deploy windows: \(name) opens \(TimeFormat.formatShort(opens, now: now)) (in \(wait))"
        case .unhealthy(let env, let health): return "\(env) is \(health.rawValue)"
        case .stale(let env, let since, let broken):
            if broken { return "\(env) is stale: its status file is broken (see problems)" }
            if let since {
                return "\(env) is stale (last report \(TimeFormat.formatAge(now.timeIntervalSince(since))) ago)"
            }
            return "\(env) is stale"
        case .soak(let env, let remaining):
            if let remaining { return "soaking in \(env): \(TimeFormat.formatAge(remaining)) to go" }
            return "soaking in \(env): no deployed_at reported"
        case .schema(let have, let need): return "schema \(have) applied, release needs \(need)"
        }
    }
}
