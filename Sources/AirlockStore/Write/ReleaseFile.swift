// Reading a release file's bytes and editing it in place, verified by reading the result back.
import AirlockCore
import Foundation

/// One change airlock makes to a release file.
enum ReleaseChange {
    case approve(Approval)
    case setItem(id: String, entry: ChecklistEntry)
    /// A top-level scalar of the release's metadata (`notes`, `schema_version`, `created_by`, `created_at`):
    /// its value, and the text written for it.
    case setMeta(key: String, value: String, flow: String)

    /// The release as it reads after the change.
    func applied(to r: Release) -> Release {
        var out = r
        switch self {
        case .approve(let a): out.approvals.append(a)
        case .setItem(let id, let entry): out.checklist[id] = entry
        case .setMeta(let key, let value, _): ReleaseMeta.apply(key, value, to: &out)
        }
        return out
    }

    var topLevelKey: String {
        switch self {
        case .approve: return "approvals"
        case .setItem: return "checklist"
        case .setMeta(let key, _, _): return key
        }
    }
}

/// Reads and edits `releases/VERSION.yaml`. People write these files by hand, so an edit changes only the
/// bytes of the entry it adds or the value it replaces: comments, order, style, anchors and line endings stay
/// as written. An edit that cannot be made that way is refused with the line; the file is never rewritten.
enum ReleaseFile {
    /// The release file's bytes as they are now: what an edit is planned from (and checked against before writing).
    static func read(root: String, version: String) throws(OperationError) -> [UInt8] {
        let path = root + "/releases/\(version).yaml"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OperationError(.badInput, "releases/\(version).yaml: cannot be read")
        }
        return [UInt8](data)
    }

    /// The file's new text after `change`, planned from `original` (the bytes `read` returned).
    static func edit(_ original: [UInt8], version: String, release: Release, change: ReleaseChange)
        throws(OperationError) -> String
    {
        let path = "releases/\(version).yaml"
        let before: YNode?
        do {
            before = try YAMLReader.parse(original)
        } catch {
            throw OperationError(.badInput, "\(path)\(error.line.map { ":\($0)" } ?? ""): \(error.message)")
        }
        guard let layout = YAMLLayout.read(original), let before else {
            throw OperationError(.badInput, "\(path): cannot be read as YAML")
        }
        var editor = ReleaseEditor(bytes: original, layout: layout, path: path)
        try editor.plan(change)
        let what: String
        switch change {
        case .approve: what = "approvals"
        case .setItem(let id, _): what = "checklist.\(id)"
        case .setMeta(let key, _, _): what = key
        }
        let refusal = editor.refusal(
            layout.root.start, what,
            "the edited file would not read back as exactly this change")
        guard let edited = Splice.apply(editor.splices, to: original) else { throw refusal }
        guard reads(edited, as: change.applied(to: release), before: before, change: change, stem: version) else {
            throw refusal
        }
        return String(decoding: edited, as: UTF8.self)
    }

    /// Whether `edited` decodes as exactly `expected`, with every key and entry the change does not touch
    /// unchanged: the last guard against an edit that misread the layout.
    static func reads(
        _ edited: [UInt8], as expected: Release, before: YNode, change: ReleaseChange,
        stem: String
    ) -> Bool {
        guard let after = try? YAMLReader.parse(edited), case .mapping(let newPairs, _) = after,
            case .mapping(let oldPairs, _) = before
        else { return false }
        let (decoded, problems) = Decoders.release(after, path: "releases/\(stem).yaml", stem: stem)
        guard problems.isEmpty, decoded == expected else { return false }
        let key = change.topLevelKey
        let others = oldPairs.filter { $0.key != key }
        let newOthers = newPairs.filter { $0.key != key }
        guard same(others, newOthers) else { return false }
        switch (change, before[key], after[key]) {
        case (.setItem(let id, _), .mapping(let old, _)?, .mapping(let new, _)?):
            return same(old.filter { $0.key != id }, new.filter { $0.key != id })
        case (.approve, .sequence(let old, _)?, .sequence(let new, _)?):
            return new.count == old.count + 1 && zip(old, new).allSatisfy { $0.sameContent(as: $1) }
        case (.setMeta(_, let value, _), _, .scalar(let s)?):
            return s.text == value
        case (.setMeta, _, _):
            return false
        default:
            return true
        }
    }

    static func same(_ a: [YPair], _ b: [YPair]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value.sameContent(as: $1.value) }
    }

    /// A plain scalar's truth value as the release decoder reads it.
    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default: return nil
        }
    }

    /// A flow mapping on one line, the way people write these entries: `{by: alice, environment: production, at: ...}`.
    static func flowText(_ change: ReleaseChange) -> String {
        var parts: [String] = []
        switch change {
        case .approve(let a):
            parts = ["by: \(YAMLText.flowScalar(a.by))", "environment: \(YAMLText.flowScalar(a.environment))"]
            if let at = a.at { parts.append("at: \(TimeFormat.formatTimestamp(at))") }
        case .setItem(_, let e):
            parts = ["done: \(e.done)"]
            if let by = e.by { parts.append("by: \(YAMLText.flowScalar(by))") }
            if let at = e.at { parts.append("at: \(TimeFormat.formatTimestamp(at))") }
            if let note = e.note { parts.append("note: \(YAMLText.flowScalar(note))") }
        case .setMeta(_, _, let flow): return flow
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
