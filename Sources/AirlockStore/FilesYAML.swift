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

    static func serialize(_ node: Node) -> String {
        // Serializing a tree we built cannot fail except on invalid input, which we never build.
        (try? Yams.serialize(node: node, width: -1, allowUnicode: true)) ?? ""
    }
}

/// Edits `releases/VERSION.yaml` in place of its node tree, so unknown keys are kept.
enum ReleaseFile {
    static func edit(root: String, version: String, _ change: (inout [(Node, Node)]) -> Void) throws(OperationError) -> String {
        let path = root + "/releases/\(version).yaml"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw OperationError(.badInput, "releases/\(version).yaml: cannot be read")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)
        } catch {
            throw OperationError(.badInput, "releases/\(version).yaml: \(error)")
        }
        guard case .mapping(let mapping)? = node else {
            throw OperationError(.badInput, "releases/\(version).yaml: expected a mapping")
        }
        var pairs = mapping.map { ($0.key, $0.value) }
        change(&pairs)
        let out = YAMLText.serialize(Node(pairs, mapping.tag, mapping.style))
        guard !out.isEmpty else { throw OperationError(.failed, "releases/\(version).yaml: cannot be written back") }
        return out
    }

    static func index(of key: String, in pairs: [(Node, Node)]) -> Int? {
        pairs.lastIndex { $0.0.string == key }
    }

    static func appendApproval(_ pairs: inout [(Node, Node)], _ a: Approval) {
        var entry: [(Node, Node)] = [(Node("by"), YAMLText.scalar(a.by)), (Node("environment"), YAMLText.scalar(a.environment))]
        if let at = a.at { entry.append((Node("at"), Node(TimeFormat.formatTimestamp(at)))) }
        let item = Node(entry, .implicit, .flow)
        if let i = index(of: "approvals", in: pairs), case .sequence(var seq) = pairs[i].1 {
            seq.append(item)
            pairs[i].1 = .sequence(seq)
        } else if let i = index(of: "approvals", in: pairs) {
            pairs[i].1 = Node([item])
        } else {
            pairs.append((Node("approvals"), Node([item])))
        }
    }

    static func setItem(_ pairs: inout [(Node, Node)], id: String, entry: ChecklistEntry) {
        var value: [(Node, Node)] = [(Node("done"), Node(entry.done ? "true" : "false"))]
        if let by = entry.by { value.append((Node("by"), YAMLText.scalar(by))) }
        if let at = entry.at { value.append((Node("at"), Node(TimeFormat.formatTimestamp(at)))) }
        if let note = entry.note { value.append((Node("note"), YAMLText.scalar(note))) }
        let item = Node(value, .implicit, .flow)
        if let i = index(of: "checklist", in: pairs), case .mapping(let m) = pairs[i].1 {
            var items = m.map { ($0.key, $0.value) }
            if let j = items.lastIndex(where: { $0.0.string == id }) { items[j].1 = item } else { items.append((Node(id), item)) }
            pairs[i].1 = Node(items, m.tag, m.style)
        } else if let i = index(of: "checklist", in: pairs) {
            pairs[i].1 = Node([(Node(id), item)])
        } else {
            pairs.append((Node("checklist"), Node([(Node(id), item)])))
        }
    }
}

/// Runs a pipeline hook: an argv array in the root, never through a shell.
public enum HookRunner {
    static func expand(_ argv: [String], request: PromotionRequest, environment: String) -> [String] {
        argv.map {
            $0.replacingOccurrences(of: "{environment}", with: environment)
                .replacingOccurrences(of: "{version}", with: request.version)
                .replacingOccurrences(of: "{from}", with: request.from ?? "")
                .replacingOccurrences(of: "{kind}", with: request.kind.rawValue)
                .replacingOccurrences(of: "{actor}", with: request.requestedBy)
        }
    }

    /// Runs `argv` in `root`; returns nil on success or a one-line reason it failed.
    public static func run(_ argv: [String], root: String, quiet: Bool = false) -> String? {
        guard let program = argv.first else { return "empty hook" }
        let process = Process()
        if program.contains("/") {
            let path = program.hasPrefix("/") ? program : root + "/" + program
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = Array(argv.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = argv
        }
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        process.standardInput = FileHandle.nullDevice
        if quiet {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        do {
            try process.run()
        } catch {
            return "hook \(program) could not start: \(error.localizedDescription)"
        }
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            return "hook \(program) was killed by signal \(process.terminationStatus)"
        }
        return process.terminationStatus == 0 ? nil : "hook \(program) exited with status \(process.terminationStatus)"
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
            add("checks", Node(s.checks.map { c in
                var m: [(Node, Node)] = [(Node("name"), YAMLText.scalar(c.name)), (Node("status"), Node(c.status.rawValue))]
                if let d = c.detail { m.append((Node("detail"), YAMLText.scalar(d))) }
                return Node(m, .implicit, .flow)
            }))
        }
        if !s.services.isEmpty {
            add("services", Node(s.services.map { sv in
                var m: [(Node, Node)] = [(Node("name"), YAMLText.scalar(sv.name))]
                if let v = sv.version { m.append((Node("version"), YAMLText.scalar(v))) }
                if let h = sv.health { m.append((Node("health"), Node(h.rawValue))) }
                return Node(m, .implicit, .flow)
            }))
        }
        if !s.flags.isEmpty { add("flags", Node(s.flags.map { (Node($0.name), Node($0.value)) }, .implicit, .flow)) }
        if let v = s.schemaVersion { add("schema_version", Node(String(v))) }
        if !s.config.isEmpty { add("config", Node(s.config.map { (Node($0.name), YAMLText.scalar($0.value)) }, .implicit, .flow)) }
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
            pairs.append((Node("checklist"), Node(r.checklist.keys.sorted().map { (Node($0), Node(r.checklist[$0]?.done == true ? "true" : "false")) })))
        }
        return YAMLText.serialize(Node(pairs))
    }
}
