// What the environment panels show on a roomy screen, worked out once per read of the root (not per frame):
// services not healthy, flags that differ from the next environment, when the soak ends, the last deploys.

import AirlockCore
import AirlockStore
import Foundation

/// An environment's facts for the panel rows shown when there is room. Every text is already sanitized.
public struct PanelFacts: Equatable, Sendable {
    /// A service reporting a health other than healthy.
    public struct Service: Equatable, Sendable {
        public var name: String
        public var health: Health
    }

    /// A flag whose value differs from the next environment's (nil: not set there).
    public struct Flag: Equatable, Sendable {
        public var name: String
        public var here: String?
        public var next: String?
    }

    /// A version the environment started running: who asked for it (or reported it) and when.
    public struct Deploy: Equatable, Sendable {
        public var version: String
        public var by: String
        public var at: Date
    }

    public var unhealthy: [Service] = []
    /// The next environment (flags are compared with it); nil for the last one.
    public var next: String?
    public var flags: [Flag] = []
    /// The environment's soak and when the running version's soak ends (nil: no soak, or no deployed_at).
    public var soak: TimeInterval?
    public var soakEnds: Date?
    /// Newest first, at most `PanelDigest.deploysKept`.
    public var deploys: [Deploy] = []
}

enum PanelDigest {
    /// Deploys kept a panel: "the last few".
    static let deploysKept = 3

    /// The facts of every environment of the pipeline, from what the store already read (the audit window too).
    static func compute(_ snapshot: Snapshot) -> [String: PanelFacts] {
        guard let pipeline = snapshot.pipeline else { return [:] }
        let deploys = lastDeploys(snapshot.audit)
        var out: [String: PanelFacts] = [:]
        for (i, env) in pipeline.environments.enumerated() {
            let st = snapshot.environments[env.name]
            var f = PanelFacts()
            if let services = st?.services {
                // By index: thousands of services a file, read without copying each.
                for k in services.indices {
                    guard let h = services[k].health, h != .healthy else { continue }
                    f.unhealthy.append(PanelFacts.Service(name: Sanitize.line(services[k].name), health: h))
                }
            }
            if i + 1 < pipeline.environments.count {
                let next = pipeline.environments[i + 1].name
                f.next = Sanitize.line(next)
                f.flags = differing(st?.flags ?? [], snapshot.environments[next]?.flags ?? [])
            }
            f.soak = env.soak
            if let soak = env.soak, let at = st?.deployedAt { f.soakEnds = at.addingTimeInterval(soak) }
            f.deploys = deploys[env.name] ?? []
            // A deploy the status file reports and no audit line does yet (CI wrote the file only): it comes first.
            if let st, let version = st.version, let at = st.deployedAt,
                f.deploys.first.map({ $0.version != Sanitize.line(version) && $0.at < at }) ?? true
            {
                let current = PanelFacts.Deploy(
                    version: Sanitize.line(version), by: Sanitize.line(st.deployedBy ?? "?"), at: at)
                f.deploys = Array(([current] + f.deploys).prefix(deploysKept))
            }
            out[env.name] = f
        }
        return out
    }

    /// Flags set differently (or only on one side), in the order first seen, as the drift view compares them: the
    /// first value of a name counts. Linear, for a file that sets thousands.
    static func differing(
        _ here: [(name: String, value: String)], _ there: [(name: String, value: String)]
    ) -> [PanelFacts.Flag] {
        let a = Dictionary(here.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let b = Dictionary(there.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        var out: [PanelFacts.Flag] = []
        for k in here.map(\.name) + there.map(\.name) where seen.insert(k).inserted && a[k] != b[k] {
            let flag = PanelFacts.Flag(
                name: Sanitize.line(k), here: a[k].map(Sanitize.line), next: b[k].map(Sanitize.line))
            out.append(flag)
        }
        return out
    }

    /// Each environment's last deploys, newest first: its `deployed` lines, each credited to the person whose
    /// promotion or rollback asked for that version (else to the reporter); without `deployed` lines, the
    /// promotions and rollbacks themselves.
    static func lastDeploys(_ audit: [AuditEntry]) -> [String: [PanelFacts.Deploy]] {
        var reported: [String: [PanelFacts.Deploy]] = [:]
        var asked: [String: [PanelFacts.Deploy]] = [:]
        /// The newest promotion or rollback of each environment not yet matched by a `deployed` line.
        var open: [String: AuditEntry] = [:]
        for e in audit {
            guard let env = e.environment else { continue }
            switch e.action {
            case .promote, .rollback:
                open[env] = e
                asked[env, default: []].append(.init(version: e.version, by: e.actor, at: e.at))
            case .deployed:
                var by = e.actor
                if let a = open[env], a.version == e.version, a.at <= e.at { by = a.actor }
                open[env] = nil
                reported[env, default: []].append(.init(version: e.version, by: by, at: e.at))
            default:
                continue
            }
        }
        var out: [String: [PanelFacts.Deploy]] = [:]
        for env in Set(reported.keys).union(asked.keys) {
            let list = reported[env].flatMap { $0.isEmpty ? nil : $0 } ?? asked[env] ?? []
            // Only the kept ones are made safe for the screen (the window holds hundreds of lines).
            out[env] = list.suffix(deploysKept).reversed().map {
                PanelFacts.Deploy(version: Sanitize.line($0.version), by: Sanitize.line($0.by), at: $0.at)
            }
        }
        return out
    }
}
