// The YAML tree airlock reads: nodes with the line each starts on, and why a file could not be read.
import Foundation

/// A YAML node with the line it starts on. Scalars stay text: the decoders give them types,
/// so `version: 2.10` is the text `2.10` and never the number 2.1.
public enum YNode: Sendable {
    case scalar(YScalar)
    case sequence([YNode], line: Int)
    case mapping([YPair], line: Int)

    public var line: Int {
        switch self {
        case .scalar(let s): return s.line
        case .sequence(_, let line), .mapping(_, let line): return line
        }
    }

    /// The value for a key of a mapping (first match).
    public subscript(key: String) -> YNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        for p in pairs where p.key == key { return p.value }
        return nil
    }

    public var isNull: Bool {
        if case .scalar(let s) = self { return s.isNull }
        return false
    }

    /// The same content, wherever it stands in the file.
    public func sameContent(as other: YNode) -> Bool {
        switch (self, other) {
        case (.scalar(let a), .scalar(let b)): return a.text == b.text && a.plain == b.plain
        case (.sequence(let a, _), .sequence(let b, _)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameContent(as: $1) }
        case (.mapping(let a, _), .mapping(let b, _)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value.sameContent(as: $1.value) }
        default: return false
        }
    }
}

public struct YScalar: Sendable {
    public var text: String
    /// Plain (unquoted, not block) scalars are the ones YAML may read as null, bool or number.
    public var plain: Bool
    public var line: Int

    public var isNull: Bool {
        plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }
}

public struct YPair: Sendable {
    public var key: String
    public var keyLine: Int
    public var value: YNode
}

/// Why a file could not be read as YAML.
public struct YAMLReadError: Error, Sendable {
    public var line: Int?
    public var message: String
}
