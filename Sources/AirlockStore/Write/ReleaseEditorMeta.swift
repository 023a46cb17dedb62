// A release's metadata (notes, schema_version, created_by, created_at) changed in place, as `airlock release` does.
import AirlockCore
import Foundation

extension ReleaseEditor {
    /// Sets a top-level scalar: its value (plain, quoted or a `|`/`>` block) replaced where it stands by one line,
    /// the comments and blank lines around it kept, or the key added at the end of the mapping.
    mutating func planMeta(_ key: String, _ flow: String, in root: LayoutNode) throws(OperationError) {
        guard let pair = Self.pair(key, in: root) else {
            return try add([Entry(key: key, flow: flow, block: nil)], to: root, key)
        }
        try checkEditable(pair.value, key)
        switch pair.value.content {
        case .sequence, .mapping: throw refusal(pair.value.start, key, "it is not a single value")
        default: break
        }
        try replaceValue(of: pair, in: root, with: flow, block: nil, key)
    }
}

/// The metadata keys `airlock release` writes and how each reads back into a release.
enum ReleaseMeta {
    static func apply(_ key: String, _ value: String, to r: inout Release) {
        switch key {
        case "notes": r.notes = value
        case "schema_version": r.schemaVersion = Int(value)
        case "created_at": r.createdAt = TimeFormat.parseTimestamp(value)
        case "created_by": r.createdBy = value
        default: break
        }
    }
}
