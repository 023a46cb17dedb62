// Small pipelines and snapshots built in the tests.
import Foundation
import Testing

@testable import AirlockCore

let t0 = Date(timeIntervalSince1970: 1_795_000_000)

func env(_ name: String, _ build: (inout EnvironmentConfig) -> Void = { _ in }) -> EnvironmentConfig {
    var e = EnvironmentConfig(name: name, staleAfter: 86400)
    build(&e)
    return e
}

func status(
    _ version: String?, health: Health? = .healthy, updated: Date = t0, deployed: Date? = nil, schema: Int? = nil
) -> EnvironmentStatus {
    EnvironmentStatus(version: version, deployedAt: deployed, updatedAt: updated, health: health, schemaVersion: schema)
}

/// A two-environment snapshot: staging runs `from`, production runs `to`.
func pair(from: String? = "1.1.0", to: String? = "1.0.0", configure: (inout Snapshot) -> Void = { _ in }) -> Snapshot {
    var s = Snapshot(pipeline: Pipeline(name: "p", environments: [env("staging"), env("production")]))
    if let from { s.environments["staging"] = status(from) }
    if let to { s.environments["production"] = status(to) }
    for v in [from, to].compactMap({ $0 }) { s.releases[v] = Release(version: v) }
    configure(&s)
    return s
}

func codes(_ s: Snapshot, now: Date = t0) -> [String]? {
    Rules.pending(into: 1, snapshot: s, now: now)?.blockers.map(\.code)
}
