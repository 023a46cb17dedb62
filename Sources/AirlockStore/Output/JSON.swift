// A JSON value with ordered keys, and its rendering.
import AirlockCore
import Foundation

/// A JSON value with ordered object keys, so output reads in the SPEC's order.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: return false
        }
    }

    public static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    /// Serializes; `indent` > 0 pretty-prints.
    public func serialized(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent, level + 1)
                item.write(into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent, level + 1)
                JSON.escape(k, into: &out)
                out += indent > 0 ? ": " : ":"
                v.write(into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "}"
        }
    }

    private func newline(_ out: inout String, _ indent: Int, _ level: Int) {
        guard indent > 0 else { return }
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) || u.value == 0x2028 || u.value == 0x2029 {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

/// The audit log: one JSON object a line.
public enum AuditLog {
    public static func json(_ e: AuditEntry) -> JSON {
        var pairs: [(String, JSON)] = [
            ("at", .string(TimeFormat.formatTimestamp(e.at))),
            ("actor", .string(e.actor)),
            ("action", .string(e.action.rawValue)),
            ("version", .string(e.version)),
            ("environment", .optional(e.environment)),
        ]
        if let f = e.from { pairs.append(("from", .string(f))) }
        if let p = e.previous { pairs.append(("previous", .string(p))) }
        if let i = e.item { pairs.append(("item", .string(i))) }
        if let r = e.reason { pairs.append(("reason", .string(r))) }
        if let h = e.health { pairs.append(("health", .string(h))) }
        if e.action == .health { pairs.append(("previous_health", .optional(e.previousHealth))) }
        return .object(pairs)
    }

    public static func line(_ e: AuditEntry) -> String { json(e).serialized() + "\n" }

    /// Parses the log's lines starting at line number `firstLine`; bad lines become problems.
    static func parse(_ data: Data, path: String, firstLine: Int) -> ([AuditEntry], [Problem]) {
        var entries: [AuditEntry] = []
        var problems: [Problem] = []
        var lineNo = firstLine
        for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            defer { lineNo += 1 }
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            switch entry(ArraySlice(raw)) {
            case .success(let e): entries.append(e)
            case .failure(let error): problems.append(Problem(path: path, line: lineNo, message: error.message))
            }
        }
        return (entries, problems)
    }

    /// The entry one line (without its newline) holds, or what is wrong with it.
    static func entry(_ raw: ArraySlice<UInt8>) -> Result<AuditEntry, AuditLineError> {
        // Most lines are plain (no escapes): read straight into the entry, without a dictionary.
        if let quick = AuditQuickEntry.entry(raw) { return .success(quick) }
        return generalEntry(raw)
    }

    /// Any line: its fields through a dictionary (JSONSerialization when the line is not a flat object of strings).
    static func generalEntry(_ raw: ArraySlice<UInt8>) -> Result<AuditEntry, AuditLineError> {
        let fields: [String: String]
        if let fast = AuditLineParser.fields(raw) {
            fields = fast
        } else {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any] else {
                return .failure(AuditLineError("not a JSON object"))
            }
            fields = obj.compactMapValues { $0 as? String }
        }
        func str(_ k: String) -> String? { fields[k] }
        guard let atText = str("at"), let at = TimeFormat.parseTimestamp(atText) else {
            return .failure(AuditLineError("at: expected an RFC 3339 time"))
        }
        guard let actionText = str("action"), let action = AuditAction(rawValue: actionText) else {
            let actions = AuditAction.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(AuditLineError("action: expected one of \(actions)"))
        }
        guard let actor = str("actor"), let version = str("version") else {
            return .failure(AuditLineError("actor and version are required"))
        }
        return .success(
            AuditEntry(
                at: at, actor: actor, action: action, version: version,
                environment: str("environment"), from: str("from"), previous: str("previous"),
                item: str("item"), reason: str("reason"), health: str("health"),
                previousHealth: str("previous_health")))
    }
}

/// What is wrong with one line of the audit log.
struct AuditLineError: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
