// What `airlock report ENV` is told, as typed and checked values: every bad word or value is bad input (exit 2).
import AirlockCore
import Foundation

/// What a report says about an environment, as given on the command line (parsed and checked by `parsed()`).
public struct ReportChange: Sendable, Equatable {
    public var environment: String
    public var version: String?
    public var health: String?
    /// `NAME=STATUS[:DETAIL]`, merged into `checks` by name.
    public var checks: [String] = []
    /// Drop every check the file has before `checks` are merged.
    public var clearChecks = false
    /// `NAME=VERSION[:HEALTH]`, merged into `services` by name.
    public var services: [String] = []
    /// `K=V`: `true`/`false` become booleans, anything else text.
    public var flags: [String] = []
    /// `K=V`: an integer, `true` or `false` stay that scalar, anything else is text.
    public var config: [String] = []
    public var schema: String?
    /// Who reports (the audit lines' actor; `deployed_by` when the version changes). nil: the actor.
    public var by: String?
    /// RFC 3339; nil: now, when the version changes.
    public var deployedAt: String?
    /// An environment object (JSON) merged over the file first, key by key; nil: none.
    public var json: [UInt8]?

    public init(environment: String) { self.environment = environment }
}

/// A report's values, checked.
struct ReportEdits {
    var version: String?
    var health: Health?
    var checks: [Check] = []
    var clearChecks = false
    var services: [Service] = []
    var flags: [(String, ReportScalar)] = []
    var config: [(String, ReportScalar)] = []
    var schema: Int?
    var by: String
    var deployedAt: Date?
    var json: YNode?
}

/// A scalar a report writes: text (quoted where YAML would read it otherwise) or a plain bool or integer.
enum ReportScalar: Equatable {
    case text(String)
    case plain(String)
}

extension ReportChange {
    static func bad(_ message: String) -> OperationError { OperationError(.badInput, message) }

    /// Text a report may write: no control character (CR, LF, ESC, tab included), no DEL, no C1, no
    /// bidirectional override or isolate, no line or paragraph separator, at most 4096 bytes.
    static func checkText(_ s: String, _ what: String) throws(OperationError) {
        if s.utf8.count > 4096 { throw bad("\(what): longer than 4096 bytes") }
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
            {
                throw bad(
                    "\(what): \"\(Sanitize.value(s))\" holds the character U+\(String(format: "%04X", v)) "
                        + "(control characters, line breaks and direction overrides are refused)")
            }
        }
    }

    /// `NAME=VALUE` split at the first `=`, both checked as text, the name not empty.
    static func pair(_ s: String, _ option: String, _ shape: String) throws(OperationError) -> (String, String) {
        guard let eq = s.firstIndex(of: "="), eq != s.startIndex else {
            throw bad("\(option) \"\(Sanitize.value(s))\": expected \(shape)")
        }
        let name = String(s[..<eq])
        let value = String(s[s.index(after: eq)...])
        try checkText(name, "\(option) \(Sanitize.value(name))")
        try checkText(value, "\(option) \(Sanitize.value(name))")
        return (name, value)
    }

    static func word<T: RawRepresentable & CaseIterable>(_ s: String, _ what: String, _: T.Type) throws(OperationError)
        -> T where T.RawValue == String
    {
        guard let v = T(rawValue: s) else {
            let words = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw bad("\(what): \"\(Sanitize.value(s))\" is not one of \(words)")
        }
        return v
    }

    static func version(_ s: String, _ what: String) throws(OperationError) -> String {
        guard Names.isValidVersion(s) else {
            throw bad(
                "\(what): \"\(Sanitize.value(s))\" is not a valid release name "
                    + "(^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$)")
        }
        return s
    }

    /// The report's values checked, `actor` standing in for `--by`.
    func parsed(actor: String) throws(OperationError) -> ReportEdits {
        var e = ReportEdits(by: by ?? actor)
        try Self.checkText(e.by, "--by")
        if e.by.isEmpty { throw Self.bad("--by: empty") }
        if let version { e.version = try Self.version(version, "--version") }
        if let health { e.health = try Self.word(health, "--health", Health.self) }
        e.clearChecks = clearChecks
        for c in checks {
            let (name, rest) = try Self.pair(c, "--check", "NAME=STATUS[:DETAIL]")
            let colon = rest.firstIndex(of: ":")
            let status = try Self.word(
                String(rest[..<(colon ?? rest.endIndex)]), "--check \(Sanitize.value(name))", CheckStatus.self)
            let detail = colon.map { String(rest[rest.index(after: $0)...]) }
            e.checks.removeAll { $0.name == name }
            e.checks.append(Check(name: name, status: status, detail: detail))
        }
        for s in services {
            let (name, rest) = try Self.pair(s, "--service", "NAME=VERSION[:HEALTH]")
            let colon = rest.firstIndex(of: ":")
            let v = try Self.version(String(rest[..<(colon ?? rest.endIndex)]), "--service \(Sanitize.value(name))")
            let h = try colon.map { (c: String.Index) throws(OperationError) -> Health in
                try Self.word(String(rest[rest.index(after: c)...]), "--service \(Sanitize.value(name))", Health.self)
            }
            e.services.removeAll { $0.name == name }
            e.services.append(Service(name: name, version: v, health: h))
        }
        for f in flags {
            let (k, v) = try Self.pair(f, "--flag", "K=V")
            e.flags.removeAll { $0.0 == k }
            e.flags.append((k, v == "true" || v == "false" ? .plain(v) : .text(v)))
        }
        for c in config {
            let (k, v) = try Self.pair(c, "--config", "K=V")
            // An integer as YAML reads it back exactly (`-5`, `0`; not `007`, `+5`, `-0`, `1.5`).
            let digits = v.hasPrefix("-") ? v.dropFirst() : Substring(v)
            let integer =
                Int(v) != nil && digits.allSatisfy { $0.isASCII && $0.isNumber }
                && (digits == "0" ? v == "0" : !digits.hasPrefix("0"))
            let plain = v == "true" || v == "false" || integer
            e.config.removeAll { $0.0 == k }
            e.config.append((k, plain ? .plain(v) : .text(v)))
        }
        if let schema {
            guard let n = Int(schema), n >= 0, !schema.hasPrefix("+") else {
                throw Self.bad("--schema: \"\(Sanitize.value(schema))\" is not a whole number >= 0")
            }
            e.schema = n
        }
        if let deployedAt {
            guard let d = TimeFormat.parseTimestamp(deployedAt) else {
                throw Self.bad("--deployed-at: \"\(Sanitize.value(deployedAt))\" is not an RFC 3339 time")
            }
            e.deployedAt = d
        }
        if let json { e.json = try Self.object(json) }
        return e
    }

    /// The `--json` object: strict JSON (YAML that is not JSON is refused), an object, text values checked.
    static func object(_ bytes: [UInt8]) throws(OperationError) -> YNode {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let why = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "invalid JSON"
            throw bad("--json: not valid JSON: \(Sanitize.value(why))")
        }
        let node: YNode?
        do { node = try YAMLReader.parse(bytes) } catch {
            throw bad("--json: line \(error.line ?? 1): \(Sanitize.value(error.message))")
        }
        guard let node, case .mapping = node else { throw bad("--json: expected an object (an environment)") }
        try checkNode(node, "--json")
        return node
    }

    /// Every key and text of a node checked as report text.
    static func checkNode(_ n: YNode, _ what: String) throws(OperationError) {
        switch n {
        case .scalar(let s): try checkText(s.text, "\(what)")
        case .sequence(let items, _):
            for (i, item) in items.enumerated() { try checkNode(item, "\(what)[\(i)]") }
        case .mapping(let pairs, _):
            for p in pairs {
                try checkText(p.key, "\(what) key")
                try checkNode(p.value, "\(what).\(Sanitize.value(p.key, limit: 64))")
            }
        }
    }
}
