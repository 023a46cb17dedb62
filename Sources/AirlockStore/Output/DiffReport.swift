// The `diff --json` object: two environments side by side (Facts.drift) and what ships between them (WhatShips).
import AirlockCore
import Foundation

extension Report {
    /// `airlock diff A B --json` (SPEC section 3): the drift rows, then what ships from A into B.
    public static func diff(pipeline: String?, drift: Drift, ships: WhatShips) -> JSON {
        let rows: [JSON] = drift.rows.map { r in
            .object([
                ("key", .string(r.key)), ("from", .optional(r.left)), ("into", .optional(r.right)),
                ("change", .string(r.change.rawValue)),
            ])
        }
        return .object([
            ("pipeline", .optional(pipeline)),
            ("from", .string(drift.environment)),
            ("into", .string(drift.next)),
            ("rows", .array(rows)),
            ("differing", .int(drift.differing)),
            ("service_versions_differing", .int(drift.serviceVersionsDiffering)),
            ("ships", shipsJSON(ships)),
        ])
    }

    /// What ships, as `diff --json` prints it under `ships`.
    public static func shipsJSON(_ w: WhatShips) -> JSON {
        let releases: [JSON] = w.releases.map { r in
            .object([
                ("version", .string(r.version)),
                ("release_file", .bool(r.hasFile)),
                ("notes", .optional(r.notes)),
                ("created_by", .optional(r.createdBy)),
                ("created_at", .optional(r.createdAt.map(TimeFormat.formatTimestamp))),
                ("checklist", .object([("done", .int(r.checklistDone)), ("total", .int(r.checklistTotal))])),
                ("schema_version", r.schemaNeed.map(JSON.int) ?? .null),
                ("migrates", .bool(r.migrates)),
            ])
        }
        return .object([
            ("direction", .string(w.direction.rawValue)),
            ("version", .optional(w.version)),
            ("into_version", .optional(w.intoVersion)),
            ("summary", .string(w.summary)),
            ("checklist_counts", .string(w.checklistIsGates ? "gates" : "all")),
            ("checklist_items", .array(w.checklistItems.map(JSON.string))),
            ("releases", .array(releases)),
        ])
    }
}
