// The status JSON object of the command line (status --json).
import AirlockCore
import Foundation

/// The `status --json` object and the audit log's JSON, shared by the command line and tests.
public enum Report {
    public static func status(_ snap: Snapshot, now: Date) -> JSON {
        let envs = (snap.pipeline?.environments ?? []).map { environment($0, in: snap, now: now) }
        let pending: [JSON] = Rules.pending(snapshot: snap, now: now).map { p in
            // The approvals that count (approvers only, one each, not the author's under separate_duties).
            let approvedBy = snap.pipeline?.environment(named: p.to).map {
                Rules.approvals(of: snap.releases[p.version], for: $0).map { JSON.string($0.by) }
            }
            return .object([
                ("version", .string(p.version)), ("from", .string(p.from)), ("to", .string(p.to)),
                ("state", .string(p.state.rawValue)), ("blockers", .array(p.blockers.map { .string($0.code) })),
                ("approved_by", .array(approvedBy ?? [])),
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
            ("window", window(on: env.name, snap, now: now)),
            ("hold", hold(on: env.name, snap)),
        ])
    }

    /// The deploy windows of `env` now: null when it has none; else whether one is open, which (the open one, or the
    /// next to open) and when that changes.
    static func window(on env: String, _ snap: Snapshot, now: Date) -> JSON {
        guard let pipeline = snap.pipeline, let notice = Facts.windowNotice(on: env, pipeline: pipeline, now: now)
        else {
            return .null
        }
        let time = { (d: Date?) in JSON.optional(d.map(TimeFormat.formatTimestamp)) }
        switch notice {
        case .open(let w, let closes):
            return .object([
                ("open", .bool(true)), ("name", .string(w.name)), ("opens_at", .null), ("closes_at", time(closes)),
            ])
        case .closed(let w, let opens):
            return .object([
                ("open", .bool(false)), ("name", .string(w.name)), ("opens_at", time(opens)), ("closes_at", .null),
            ])
        }
    }
}
