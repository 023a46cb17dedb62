// An audit line read straight into an entry, without a dictionary: the whole-log pass of `stats` needs it fast.
import AirlockCore
import Foundation

/// Reads a plain audit line (a flat object of strings without escapes, as airlock writes most of them) straight
/// into an `AuditEntry`, comparing keys as bytes: several times faster than building the dictionary of
/// `AuditLog.entry`. Anything else returns nil and the caller uses `AuditLog.entry`, so both accept the same lines
/// and give the same entries (a repeated key: the last one counts, as there).
enum AuditQuickEntry {
    private enum Field: Int {
        case at, actor, action, version, environment, from, previous, item, reason, health, previousHealth
    }

    private static let keys: [(bytes: [UInt8], field: Field)] = {
        let names: [(String, Field)] = [
            ("at", .at), ("actor", .actor), ("action", .action), ("version", .version),
            ("environment", .environment), ("from", .from), ("previous", .previous), ("item", .item),
            ("reason", .reason), ("health", .health), ("previous_health", .previousHealth),
        ]
        return names.map { (Array($0.0.utf8), $0.1) }
    }()

    /// ASCII at once; anything else checked as UTF-8.
    private static func isUTF8(_ b: ArraySlice<UInt8>) -> Bool {
        b.allSatisfy { $0 < 0x80 } || String(validating: b, as: UTF8.self) != nil
    }

    static func entry(_ bytes: ArraySlice<UInt8>) -> AuditEntry? {
        var values = [String?](repeating: nil, count: 11)
        var i = bytes.startIndex
        let end = bytes.endIndex
        func skipSpace() {
            while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        }
        /// A string without escapes or control characters: its bytes' range; nil otherwise.
        func plainString() -> Range<Int>? {
            guard i < end, bytes[i] == 0x22 else { return nil }
            let start = i + 1
            var j = start
            while j < end, bytes[j] != 0x22 {
                if bytes[j] == 0x5C || bytes[j] < 0x20 { return nil }
                j += 1
            }
            guard j < end else { return nil }
            i = j + 1
            return start..<j
        }
        skipSpace()
        guard i < end, bytes[i] == 0x7B else { return nil }
        i += 1
        while true {
            skipSpace()
            guard let key = plainString() else { return nil }
            skipSpace()
            guard i < end, bytes[i] == 0x3A else { return nil }
            i += 1
            skipSpace()
            let field = keys.first { bytes[key].elementsEqual($0.bytes) }?.field
            // A key or value that is not UTF-8 makes the line invalid, as in the general reader.
            guard field != nil || isUTF8(bytes[key]) else { return nil }
            if i + 4 <= end, bytes[i] == 0x6E, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x6C {
                i += 4
                if let field { values[field.rawValue] = nil }
            } else {
                guard let value = plainString() else { return nil }
                if let field {
                    guard let text = String(validating: bytes[value], as: UTF8.self) else { return nil }
                    values[field.rawValue] = text
                } else if !isUTF8(bytes[value]) {
                    return nil
                }
            }
            skipSpace()
            guard i < end else { return nil }
            if bytes[i] == 0x2C {
                i += 1
                continue
            }
            guard bytes[i] == 0x7D else { return nil }
            i += 1
            skipSpace()
            guard i == end else { return nil }
            break
        }
        func v(_ f: Field) -> String? { values[f.rawValue] }
        guard let atText = v(.at), let at = TimeFormat.parseTimestamp(atText), let actionText = v(.action),
            let action = AuditAction(rawValue: actionText), let actor = v(.actor), let version = v(.version)
        else { return nil }
        return AuditEntry(
            at: at, actor: actor, action: action, version: version, environment: v(.environment), from: v(.from),
            previous: v(.previous), item: v(.item), reason: v(.reason), health: v(.health),
            previousHealth: v(.previousHealth))
    }
}
