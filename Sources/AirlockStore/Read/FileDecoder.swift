// Turning YAML nodes into typed values, collecting every problem with its line.
import AirlockCore
import Foundation

/// Turns `YNode`s into typed values, collecting every problem with its line.
struct FileDecoder {
    let path: String
    var problems: [Problem] = []

    init(path: String) { self.path = path }

    mutating func problem(_ line: Int?, _ message: String) {
        problems.append(Problem(path: path, line: line, message: message))
    }

    /// The pairs of a mapping node, or a problem.
    mutating func mapping(_ node: YNode?, _ what: @autoclosure () -> String) -> [YPair]? {
        guard let node, !node.isNull else { return nil }
        guard case .mapping(let pairs, _) = node else {
            problem(node.line, "\(what()): expected a mapping")
            return nil
        }
        return pairs
    }

    mutating func sequence(_ node: YNode?, _ what: @autoclosure () -> String) -> [YNode]? {
        guard let node, !node.isNull else { return nil }
        guard case .sequence(let items, _) = node else {
            problem(node.line, "\(what()): expected a list")
            return nil
        }
        return items
    }

    /// A scalar as text; nil (and a problem) for a list or mapping; nil for null.
    mutating func text(_ node: YNode?, _ what: @autoclosure () -> String) -> String? {
        guard let node else { return nil }
        switch node {
        case .scalar(let s):
            return s.isNull ? nil : s.text
        default:
            problem(node.line, "\(what()): expected text")
            return nil
        }
    }

    mutating func required(_ node: YNode?, _ what: @autoclosure () -> String, line: Int) -> String? {
        guard let node, !node.isNull else {
            problem(line, "\(what()): required key missing")
            return nil
        }
        return text(node, what())
    }

    mutating func bool(_ node: YNode?, _ what: @autoclosure () -> String) -> Bool? {
        guard let node, !node.isNull else { return nil }
        if case .scalar(let s) = node, s.plain, let b = Self.boolWord(s.text) { return b }
        problem(node.line, "\(what()): expected true or false")
        return nil
    }

    /// The words YAML 1.1 reads as a boolean (in a plain scalar).
    static func boolWord(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default: return nil
        }
    }

    mutating func int(_ node: YNode?, _ what: @autoclosure () -> String, min: Int = 0) -> Int? {
        guard let node, !node.isNull else { return nil }
        if case .scalar(let s) = node, let v = Int(s.text), v >= min {
            return v
        }
        problem(node.line, "\(what()): expected a whole number\(min == 0 ? " (0 or more)" : " of at least \(min)")")
        return nil
    }

    mutating func duration(_ node: YNode?, _ what: @autoclosure () -> String) -> TimeInterval? {
        guard let node, !node.isNull else { return nil }
        if case .scalar(let s) = node, let d = TimeFormat.parseDuration(s.text) { return d }
        problem(node.line, "\(what()): expected a duration like 30s, 5m, 2h or 1d")
        return nil
    }

    mutating func timestamp(_ node: YNode?, _ what: @autoclosure () -> String) -> Date? {
        guard let node, !node.isNull else { return nil }
        if case .scalar(let s) = node, let d = TimeFormat.parseTimestamp(s.text) { return d }
        problem(node.line, "\(what()): expected an RFC 3339 time like 2026-11-21T22:40:00Z")
        return nil
    }

    mutating func oneOf<E: RawRepresentable & CaseIterable>(
        _ node: YNode?, _ what: @autoclosure () -> String, _ type: E.Type
    ) -> E?
    where E.RawValue == String {
        guard let node, !node.isNull else { return nil }
        if case .scalar(let s) = node, let v = E(rawValue: s.text) { return v }
        problem(node.line, "\(what()): expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    mutating func stringList(_ node: YNode?, _ what: @autoclosure () -> String) -> [String]? {
        guard let items = sequence(node, what()) else { return nil }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            if let t = text(item, "\(what())[\(i)]") { out.append(t) }
        }
        return out
    }

    /// A flat map of name -> scalar, in file order.
    mutating func scalarMap(_ node: YNode?, _ what: @autoclosure () -> String) -> [(name: String, value: String)] {
        guard let pairs = mapping(node, what()) else { return [] }
        var out: [(name: String, value: String)] = []
        out.reserveCapacity(pairs.count)
        for p in pairs {
            if case .scalar(let s) = p.value {
                out.append((p.key, s.isNull ? "null" : s.text))
            } else {
                problem(p.value.line, "\(what()).\(p.key): expected a single value")
            }
        }
        return out
    }
}
