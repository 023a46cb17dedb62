// Drift: an environment beside the next one, or any two (version, schema, health, flags, config, facts, services).
import Foundation

/// How a value differs from the environment on the left to the one on the right.
public enum DriftChange: String, Sendable, Equatable {
    case same, added, removed, changed
}

/// One compared value: `left` in the environment, `right` in the next one (nil: not reported).
public struct DriftRow: Sendable, Equatable {
    public var key: String
    public var left: String?
    public var right: String?

    public init(key: String, left: String?, right: String?) {
        self.key = key
        self.left = left
        self.right = right
    }

    public var change: DriftChange {
        left == right ? .same : left == nil ? .added : right == nil ? .removed : .changed
    }
}

/// An environment beside the next one.
public struct Drift: Sendable, Equatable {
    public var environment: String
    public var next: String
    /// version, schema_version, health, then `flag NAME`, `config NAME` and `fact NAME` rows in the order first seen
    /// (facts are airlock.yaml's `facts` of each environment).
    public var rows: [DriftRow]
    /// Services whose version differs (services of the environment compared with the next one's).
    public var serviceVersionsDiffering: Int

    public var differing: Int { rows.filter { $0.change != .same }.count }
}

extension Facts {
    /// `environment` beside the one after it, or nil when it is the last (or not in the pipeline).
    public static func drift(of environment: String, in snapshot: Snapshot) -> Drift? {
        guard let pipeline = snapshot.pipeline, let i = pipeline.index(of: environment),
            i + 1 < pipeline.environments.count
        else { return nil }
        return drift(from: environment, to: pipeline.environments[i + 1].name, in: snapshot)
    }

    /// Any two environments of the pipeline side by side (`airlock diff A B`), or nil when either is not in it.
    public static func drift(from environment: String, to other: String, in snapshot: Snapshot) -> Drift? {
        guard let pipeline = snapshot.pipeline, let ca = pipeline.environment(named: environment),
            let cb = pipeline.environment(named: other)
        else { return nil }
        let next = other
        let a = snapshot.environments[environment]
        let b = snapshot.environments[next]
        var rows = [
            DriftRow(key: "version", left: a?.version, right: b?.version),
            DriftRow(
                key: "schema_version", left: a?.schemaVersion.map(String.init), right: b?.schemaVersion.map(String.init)
            ),
            DriftRow(key: "health", left: Rules.health(of: a).rawValue, right: Rules.health(of: b).rawValue),
        ]
        rows += merged(a?.flags ?? [], b?.flags ?? [], prefix: "flag ")
        rows += merged(a?.config ?? [], b?.config ?? [], prefix: "config ")
        rows += merged(ca.facts.map { ($0.name, $0.value) }, cb.facts.map { ($0.name, $0.value) }, prefix: "fact ")
        var services = 0
        if let a, let b {
            let versions = Dictionary(b.services.map { ($0.name, $0.version ?? "") }, uniquingKeysWith: { x, _ in x })
            services = a.services.filter { versions[$0.name] != ($0.version ?? "") }.count
        }
        return Drift(environment: environment, next: next, rows: rows, serviceVersionsDiffering: services)
    }

    private static func merged(
        _ left: [(name: String, value: String)], _ right: [(name: String, value: String)], prefix: String
    ) -> [DriftRow] {
        var keys: [String] = []
        for k in left.map(\.name) + right.map(\.name) where !keys.contains(k) { keys.append(k) }
        return keys.map { k in
            DriftRow(
                key: prefix + k, left: left.first { $0.name == k }?.value, right: right.first { $0.name == k }?.value)
        }
    }
}
