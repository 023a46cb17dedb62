// The files airlock owns and writes whole: promotion requests and audit lines.
import AirlockCore
import Foundation
import Yams

/// Writes `promotions/NAME.yaml` (airlock owns these files).
enum PromotionFile {
    static func render(_ r: PromotionRequest) -> String {
        var pairs: [(Node, Node)] = [(key("version"), YAMLText.scalar(r.version))]
        if let from = r.from { pairs.append((key("from"), YAMLText.scalar(from))) }
        pairs.append((key("kind"), YAMLText.scalar(r.kind.rawValue)))
        pairs.append((key("requested_by"), YAMLText.scalar(r.requestedBy)))
        pairs.append((key("requested_at"), Node(TimeFormat.formatTimestamp(r.requestedAt))))
        if let reason = r.reason { pairs.append((key("reason"), YAMLText.scalar(reason))) }
        return YAMLText.serialize(Node(pairs))
    }

    static func key(_ s: String) -> Node { Node(s) }
}

enum YAMLText {
    /// A text scalar, quoted when a YAML 1.1 reader would take it for something else.
    static func scalar(_ s: String) -> Node {
        let plain = Node(s)
        if Resolver.default.resolveTag(of: plain) != .str || s.isEmpty || s != s.trimmingCharacters(in: .whitespaces) {
            return Node(s, Tag(.str), .doubleQuoted)
        }
        return plain
    }

    /// A scalar inside a flow mapping: plain when that is unambiguous text, else double-quoted (JSON escapes are
    /// valid YAML).
    static func flowScalar(_ s: String) -> String {
        let simple =
            !s.isEmpty && s.first != " " && s.last != " " && s.first != "-"
            && s.unicodeScalars.allSatisfy {
                ($0.properties.isAlphabetic || ("0"..."9").contains($0) || " ._@+/-".unicodeScalars.contains($0))
                    && $0.value >= 0x20
            }
        if simple && Resolver.default.resolveTag(of: Node(s)) == .str { return s }
        var out = ""
        JSON.escape(s, into: &out)
        return out
    }

    static func serialize(_ node: Node) -> String {
        // Serializing a tree we built cannot fail except on invalid input, which we never build.
        (try? Yams.serialize(node: node, width: -1, allowUnicode: true)) ?? ""
    }
}

/// Writes an environment's observed state the way CI and monitoring do (the demo and the benchmarks use it).
public enum EnvironmentFile {
    public static func render(_ s: EnvironmentStatus) -> String {
        var pairs: [(Node, Node)] = []
        func add(_ k: String, _ v: Node) { pairs.append((Node(k), v)) }
        if let v = s.version { add("version", YAMLText.scalar(v)) }
        if let d = s.deployedAt { add("deployed_at", Node(TimeFormat.formatTimestamp(d))) }
        if let b = s.deployedBy { add("deployed_by", YAMLText.scalar(b)) }
        if let u = s.updatedAt { add("updated_at", Node(TimeFormat.formatTimestamp(u))) }
        if let h = s.health { add("health", Node(h.rawValue)) }
        if !s.checks.isEmpty {
            add(
                "checks",
                Node(
                    s.checks.map { c in
                        var m: [(Node, Node)] = [
                            (Node("name"), YAMLText.scalar(c.name)), (Node("status"), Node(c.status.rawValue)),
                        ]
                        if let d = c.detail { m.append((Node("detail"), YAMLText.scalar(d))) }
                        return Node(m, .implicit, .flow)
                    }))
        }
        if !s.services.isEmpty {
            add(
                "services",
                Node(
                    s.services.map { sv in
                        var m: [(Node, Node)] = [(Node("name"), YAMLText.scalar(sv.name))]
                        if let v = sv.version { m.append((Node("version"), YAMLText.scalar(v))) }
                        if let h = sv.health { m.append((Node("health"), Node(h.rawValue))) }
                        return Node(m, .implicit, .flow)
                    }))
        }
        if !s.flags.isEmpty { add("flags", Node(s.flags.map { (Node($0.name), Node($0.value)) }, .implicit, .flow)) }
        if let v = s.schemaVersion { add("schema_version", Node(String(v))) }
        if !s.config.isEmpty {
            add("config", Node(s.config.map { (Node($0.name), YAMLText.scalar($0.value)) }, .implicit, .flow))
        }
        return YAMLText.serialize(Node(pairs))
    }
}

/// Writes a new release file the way CI does.
public enum NewReleaseFile {
    public static func render(_ r: Release) -> String {
        var pairs: [(Node, Node)] = [(Node("version"), YAMLText.scalar(r.version))]
        if let c = r.createdAt { pairs.append((Node("created_at"), Node(TimeFormat.formatTimestamp(c)))) }
        if let n = r.notes { pairs.append((Node("notes"), YAMLText.scalar(n))) }
        if let s = r.schemaVersion { pairs.append((Node("schema_version"), Node(String(s)))) }
        if !r.checklist.isEmpty {
            pairs.append(
                (
                    Node("checklist"),
                    Node(
                        r.checklist.keys.sorted().map {
                            (Node($0), Node(r.checklist[$0]?.done == true ? "true" : "false"))
                        })
                ))
        }
        return YAMLText.serialize(Node(pairs))
    }
}
