// Reading a release file straight from libyaml events, without a node tree (most of a fleet's files).
import AirlockCore
import Foundation

/// Reads a release file straight from libyaml's events into a `Release`, without a node tree.
///
/// A fleet holds thousands of release files, so building a tree for each was most of its first load. Like
/// `EnvironmentStream`, this handles the plain, valid shape only: anything else (a wrong type, a bad value, a
/// version that is not the file's name, a duplicate key, an anchor, alias, tag or merge key) returns nil, and
/// the tree decoder reads the file instead and reports its problems with their lines. For every file it accepts,
/// the result equals the tree decoder's (a test and a fuzz target hold the two to that).
public enum ReleaseStream {
    public static func decode(_ bytes: [UInt8], stem: String) -> Release? {
        guard bytes.count <= YAMLReader.maxFileSize, YAMLReader.invalidUTF8Line(bytes) == nil else { return nil }
        var release = Release(version: "")
        var version: String?
        let ok = YAMLEventReader.readDocument(bytes) { r, key in
            switch key {
            case "version":
                guard case .some(let v) = r.optionalText(), let v, v == stem, Names.isValidVersion(v) else {
                    return false
                }
                version = v
            case "created_at": return r.set(&release.createdAt) { $0.timestamp() }
            case "created_by": return r.set(&release.createdBy) { $0.optionalText() }
            case "notes": return r.set(&release.notes) { $0.optionalText() }
            case "schema_version": return r.set(&release.schemaVersion) { $0.wholeNumber() }
            case "checklist":
                guard let v = r.checklist() else { return false }
                release.checklist = v
            case "approvals":
                guard let v = r.list({ $0.approval() }) else { return false }
                release.approvals = v.compactMap { $0 }
            default: return r.skipValue()
            }
            return true
        }
        guard ok, let version else { return nil }
        release.version = version
        return release
    }
}

extension YAMLEventReader {
    /// A scalar kept as read, for a key whose meaning depends on another key of the same mapping.
    enum Kept {
        case absent, null
        case text(String)
        case collection
    }

    mutating func kept() -> Kept? {
        if isScalar {
            let s = scalar
            return s.isNull ? .null : .text(s.text)
        }
        return skipValue() ? .collection : nil
    }

    /// The checklist: item -> `true`/`false` or `{done, by, at, note}`; an item whose `done` is null is left
    /// out, as the tree decoder leaves it (without looking at its other keys).
    mutating func checklist() -> [String: ChecklistEntry]? {
        if isScalar { return scalar.isNull ? [:] : nil }
        var out: [String: ChecklistEntry] = [:]
        let ok = mapping { r, item in
            if r.isScalar {
                let s = r.scalar
                if s.isNull { return true }
                guard r.isPlainScalar, let done = FileDecoder.boolWord(s.text) else {
                    return false
                }
                out[item] = ChecklistEntry(done: done)
                return true
            }
            guard let entry = r.checklistEntry() else { return false }
            if let entry { out[item] = entry }
            return true
        }
        return ok ? out : nil
    }

    /// One `{done, by, at, note}` entry: nil to give up, .some(nil) for an entry left out (a null `done`).
    mutating func checklistEntry() -> ChecklistEntry?? {
        guard kind == .mappingStart else { return .none }
        var done: Kept = .absent
        var doneIsPlain = false
        var by: Kept = .absent
        var at: Kept = .absent
        var note: Kept = .absent
        let ok = mapping { r, key in
            let plain = r.isScalar && r.isPlainScalar
            guard let value = r.kept() else { return false }
            switch key {
            case "done": (done, doneIsPlain) = (value, plain)
            case "by": by = value
            case "at": at = value
            case "note": note = value
            default: break
            }
            return true
        }
        guard ok else { return .none }
        switch done {
        case .null: return .some(nil)
        case .text(let t):
            guard doneIsPlain, let d = FileDecoder.boolWord(t) else { return .none }
            var entry = ChecklistEntry(done: d)
            guard case .some(let b) = Self.text(by), case .some(let n) = Self.text(note) else { return .none }
            (entry.by, entry.note) = (b, n)
            switch at {
            case .absent, .null: break
            case .text(let t):
                guard let date = TimeFormat.parseTimestamp(t) else { return .none }
                entry.at = date
            case .collection: return .none
            }
            return .some(entry)
        case .absent, .collection: return .none
        }
    }

    /// Text or null from a kept value; a list or mapping is a problem for the tree decoder.
    static func text(_ value: Kept) -> String?? {
        switch value {
        case .absent, .null: return .some(nil)
        case .text(let t): return .some(t)
        case .collection: return .none
        }
    }

    /// One approval: nil to give up, .some(nil) for a null item (the tree decoder skips it).
    mutating func approval() -> Approval?? {
        if isScalar { return scalar.isNull ? .some(nil) : .none }
        var by: String?
        var environment: String?
        var at: Date?
        let ok = mapping { r, key in
            switch key {
            case "by": return r.set(&by) { $0.optionalText() }
            case "environment": return r.set(&environment) { $0.optionalText() }
            case "at": return r.set(&at) { $0.timestamp() }
            default: return r.skipValue()
            }
        }
        guard ok, let by, let environment else { return .none }
        return .some(Approval(by: by, environment: environment, at: at))
    }
}
