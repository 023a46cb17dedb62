// Reading an environment file straight from libyaml events, without a node tree (the hot path).
import AirlockCore
import Foundation

/// Reads an environment file straight from libyaml's events into an `EnvironmentStatus`, without a node tree.
///
/// Environment files are the large, frequently rewritten ones (thousands of services), so this is the hot path
/// of a reload. It handles the plain, valid shape only: anything else (a wrong type, a bad value, a missing
/// `version`, a duplicate key, an anchor, alias, tag or merge key) returns nil, and the tree decoder reads the
/// file instead and reports its problems with their lines. For every file it accepts, the result equals the tree
/// decoder's (a test holds the two to that).
public enum EnvironmentStream {
    public static func decode(_ bytes: [UInt8], mtime: Date?) -> EnvironmentStatus? {
        guard bytes.count <= YAMLReader.maxFileSize, YAMLReader.invalidUTF8Line(bytes) == nil else { return nil }
        // The services list in its plain block shape is read line by line, and libyaml reads the rest.
        if let block = bytes.withUnsafeBufferPointer({ ServiceBlock.find($0) }) {
            let rest = Array(bytes[..<block.start]) + bytes[block.end...]
            if let s = decode(rest, mtime: mtime, services: block) { return s }
        }
        return decode(bytes, mtime: mtime, services: nil)
    }

    /// With `services`, libyaml must find an empty `services:` key where that list was taken out.
    static func decode(_ bytes: [UInt8], mtime: Date?, services: ServiceBlock?) -> EnvironmentStatus? {
        var s = EnvironmentStatus()
        var updatedAt: Date?
        var block = services
        let ok = YAMLEventReader.readDocument(bytes) { r, key in
            switch key {
            case "version":
                guard case .some(let v) = r.optionalText(), let v, Names.isValidVersion(v) else { return false }
                s.version = v
            case "deployed_at": return r.set(&s.deployedAt) { $0.timestamp() }
            case "updated_at": return r.set(&updatedAt) { $0.timestamp() }
            case "deployed_by": return r.set(&s.deployedBy) { $0.optionalText() }
            case "health": return r.set(&s.health) { $0.enumValue(Health.self) }
            case "checks":
                guard let v = r.list({ $0.check() }) else { return false }
                s.checks = v
            case "services":
                if let taken = block {
                    guard r.keyAt == (taken.keyLine, 0), r.isScalar, r.scalar.isNull, r.scalar.text.isEmpty else {
                        return false
                    }
                    s.services = taken.services
                    block = nil
                    return true
                }
                guard let v = r.list({ $0.service() }) else { return false }
                s.services = v
            case "flags":
                guard let v = r.scalarMap() else { return false }
                s.flags = v
            case "config":
                guard let v = r.scalarMap() else { return false }
                s.config = v
            case "schema_version": return r.set(&s.schemaVersion) { $0.wholeNumber() }
            default: return r.skipValue()
            }
            return true
        }
        guard ok, s.version != nil, block == nil else { return nil }
        s.updatedAt = updatedAt ?? mtime
        return s
    }
}

extension YAMLEventReader {
    mutating func check() -> Check? {
        var name: String?
        var status: CheckStatus?
        var detail: String?
        let ok = mapping { r, key in
            switch key {
            case "name": return r.set(&name) { $0.optionalText() }
            case "status": return r.set(&status) { $0.enumValue(CheckStatus.self) }
            case "detail": return r.set(&detail) { $0.optionalText() }
            default: return r.skipValue()
            }
        }
        guard ok, let name, let status else { return nil }
        return Check(name: name, status: status, detail: detail)
    }

    mutating func service() -> Service? {
        var name: String?
        var version: String?
        var health: Health?
        let ok = mapping { r, key in
            switch key {
            case "name": return r.set(&name) { $0.optionalText() }
            case "version": return r.set(&version) { $0.optionalText() }
            case "health": return r.set(&health) { $0.enumValue(Health.self) }
            default: return r.skipValue()
            }
        }
        guard ok, let name else { return nil }
        return Service(name: name, version: version, health: health)
    }
}
