// The status JSON object of the command line (status --json).
import AirlockCore
import Foundation

/// The `status --json` object and the audit log's JSON, shared by the command line and tests.
public enum Report {
    public static func status(_ snap: Snapshot, now: Date) -> JSON {
        let envs = (snap.pipeline?.environments ?? []).map { environment($0, in: snap, now: now) }
        let pending: [JSON] = Rules.pending(snapshot: snap, now: now).map { p in
            .object([
                ("version", .string(p.version)), ("from", .string(p.from)), ("to", .string(p.to)),
                ("state", .string(p.state.rawValue)), ("blockers", .array(p.blockers.map { .string($0.code) })),
            ])
        }
        let problems: [JSON] = snap.problems.map {
            .object([
                ("path", .string($0.path)), ("line", $0.line.map(JSON.int) ?? .null), ("message", .string($0.message)),
            ])
        }
        return .object([
            ("pipeline", .optional(snap.pipeline?.name)),
            ("environments", .array(envs)),
            ("pending", .array(pending)),
            ("problems", .array(problems)),
        ])
    }

    /// One environment's object of `status --json` (also what `wait --json` prints).
    public static func environment(_ env: EnvironmentConfig, in snap: Snapshot, now: Date) -> JSON {
        let s = snap.environments[env.name]
        let counts = s?.checkCounts ?? [:]
        let stale = Rules.isStale(env, in: snap, now: now)
        var requested: JSON = .null
        if let (r, progress) = Facts.request(on: env.name, in: snap) {
            requested = .object([
                ("version", .string(r.version)), ("kind", .string(r.kind.rawValue)),
                ("by", .string(r.requestedBy)), ("at", .string(TimeFormat.formatTimestamp(r.requestedAt))),
                ("from", .optional(r.from)),
                ("state", .string(progress.rawValue)),
            ])
        }
        return .object([
            ("name", .string(env.name)),
            ("version", .optional(s?.version)),
            ("health", .string(Rules.health(of: s).rawValue)),
            ("stale", .bool(stale)),
            ("checks", .object(CheckStatus.allCases.map { ($0.rawValue, .int(counts[$0] ?? 0)) })),
            ("requested", requested),
            ("deployed_at", .optional(s?.deployedAt.map(TimeFormat.formatTimestamp))),
            ("updated_at", .optional(s?.updatedAt.map(TimeFormat.formatTimestamp))),
            ("schema_version", s?.schemaVersion.map(JSON.int) ?? .null),
        ])
    }
}
