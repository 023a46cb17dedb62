// A report applied to an environment file's content: its keys in order, every key it is not told about kept.
import AirlockCore
import Foundation
import Yams

/// An environment file as ordered top-level keys, edited by a report and written back whole as YAML (an
/// environment's file has one writer, CI/CD or monitoring; comments are not kept, every key and value is).
struct ReportDocument {
    var pairs: [(key: String, value: Node)] = []

    init(_ node: YNode?) {
        guard case .mapping(let ps, _)? = node else { return }
        for p in ps { set(p.key, Self.node(p.value)) }
    }

    /// A read node as a node to write: scalars keep their text and whether they were plain (so `2.10` stays
    /// the text it was, and `20` stays a number).
    static func node(_ n: YNode) -> Node {
        switch n {
        case .scalar(let s):
            if s.isNull { return Node("null") }
            // Quoted text stays text; it is quoted again only where a YAML reader would take it for another type.
            return s.plain ? Node(s.text) : YAMLText.scalar(s.text)
        case .sequence(let items, _): return Node(items.map(node))
        case .mapping(let ps, _): return Node(ps.map { (Node($0.key), node($0.value)) })
        }
    }

    static func scalar(_ s: ReportScalar) -> Node {
        switch s {
        case .text(let t): return YAMLText.scalar(t)
        case .plain(let p): return Node(p)
        }
    }

    subscript(key: String) -> Node? { pairs.first { $0.key == key }?.value }

    mutating func set(_ key: String, _ value: Node) {
        if let i = pairs.firstIndex(where: { $0.key == key }) {
            pairs[i].value = value
        } else {
            pairs.append((key, value))
        }
    }

    mutating func remove(_ key: String) { pairs.removeAll { $0.key == key } }

    /// The `--json` object merged key by key over the file's keys.
    mutating func merge(_ object: YNode) {
        guard case .mapping(let ps, _) = object else { return }
        for p in ps { set(p.key, Self.node(p.value)) }
    }

    /// A list of mappings (`checks`, `services`) with `entries` merged in by `name`: an entry named again is
    /// replaced by the new one (its keys the report does not set, kept); new names are appended.
    mutating func mergeNamed(_ key: String, clear: Bool, _ entries: [(name: String, fields: [(String, Node?)])]) {
        guard clear || !entries.isEmpty else { return }
        var items: [Node] = []
        if !clear, let existing = self[key], case .sequence(let seq) = existing { items = Array(seq) }
        for entry in entries {
            let index = items.firstIndex { $0.mapping?[Node("name")]?.string == entry.name }
            var map: [(Node, Node)] = [(Node("name"), YAMLText.scalar(entry.name))]
            if let index, let old = items[index].mapping {
                map = old.map { ($0.key, $0.value) }
            }
            for (k, v) in entry.fields {
                map.removeAll { $0.0.string == k }
                if let v { map.append((Node(k), v)) }
            }
            let node = Node(map)
            if let index { items[index] = node } else { items.append(node) }
        }
        set(key, Node(items))
    }

    /// A mapping (`flags`, `config`) with `values` set by key.
    mutating func mergeMap(_ key: String, _ values: [(String, ReportScalar)]) {
        guard !values.isEmpty else { return }
        var map: [(Node, Node)] = []
        if let existing = self[key], let m = existing.mapping { map = m.map { ($0.key, $0.value) } }
        for (k, v) in values {
            if let i = map.firstIndex(where: { $0.0.string == k }) {
                map[i].1 = Self.scalar(v)
            } else {
                map.append((Node(k), Self.scalar(v)))
            }
        }
        set(key, Node(map))
    }

    /// The file's text: keys in their order, a new key at the end.
    func render() -> String { YAMLText.serialize(Node(pairs.map { (Node($0.key), $0.value) })) }
}
