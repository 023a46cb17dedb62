import AirlockCore
import Foundation
import Yams

/// One change airlock makes to a release file.
enum ReleaseChange {
    case approve(Approval)
    case setItem(id: String, entry: ChecklistEntry)

    /// The release as it reads after the change.
    func applied(to r: Release) -> Release {
        var out = r
        switch self {
        case .approve(let a): out.approvals.append(a)
        case let .setItem(id, entry): out.checklist[id] = entry
        }
        return out
    }

    var topLevelKey: String {
        switch self {
        case .approve: return "approvals"
        case .setItem: return "checklist"
        }
    }
}

/// Edits `releases/VERSION.yaml`. A line edit keeps the file as its authors wrote it (comments, order,
/// style); where the file's shape makes that unsafe, the node tree is rewritten instead (unknown keys are
/// kept either way).
enum ReleaseFile {
    /// The release file's bytes as they are now: what an edit is planned from (and checked against before writing).
    static func read(root: String, version: String) throws(OperationError) -> [UInt8] {
        let path = root + "/releases/\(version).yaml"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OperationError(.badInput, "releases/\(version).yaml: cannot be read")
        }
        return [UInt8](data)
    }

    /// The file's new text after `change`, planned from `original` (the bytes `read` returned).
    static func edit(_ original: [UInt8], version: String, release: Release, change: ReleaseChange) throws(OperationError) -> String {
        guard let text = String(validating: original, as: UTF8.self) else {
            throw OperationError(.badInput, "releases/\(version).yaml: not UTF-8 text")
        }
        if let edited = lineEdit(text, change: change, expected: change.applied(to: release), stem: version) {
            return edited
        }
        return try treeEdit(text, version: version) { (m: inout [(Node, Node)]) in
            switch change {
            case .approve(let a): appendApproval(&m, a)
            case let .setItem(id, entry): setItem(&m, id: id, entry: entry)
            }
        }
    }

    /// A flow mapping on one line, the way people write these entries: `{by: alice, environment: production, at: ...}`.
    static func flowText(_ change: ReleaseChange) -> String {
        var parts: [String] = []
        switch change {
        case .approve(let a):
            parts = ["by: \(YAMLText.flowScalar(a.by))", "environment: \(YAMLText.flowScalar(a.environment))"]
            if let at = a.at { parts.append("at: \(TimeFormat.formatTimestamp(at))") }
        case .setItem(_, let e):
            parts = ["done: \(e.done)"]
            if let by = e.by { parts.append("by: \(YAMLText.flowScalar(by))") }
            if let at = e.at { parts.append("at: \(TimeFormat.formatTimestamp(at))") }
            if let note = e.note { parts.append("note: \(YAMLText.flowScalar(note))") }
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    static func isBlankOrComment(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || t.hasPrefix("#")
    }

    static func indentation(_ line: String) -> String { String(line.prefix { $0 == " " }) }

    /// The change as an edit of lines, or nil when the file's shape is not one this handles safely.
    static func lineEdit(_ text: String, change: ReleaseChange, expected: Release, stem: String) -> String? {
        guard let root = try? YAMLReader.parse(Array(text.utf8)), case .mapping(let pairs, _) = root else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { lines.removeLast() }
        let key = change.topLevelKey
        let entry = flowText(change)
        var newLine: String {
            switch change {
            case .approve: return "  - " + entry
            case .setItem(let id, _): return "  \(id): " + entry
            }
        }
        if let i = pairs.firstIndex(where: { $0.key == key }) {
            let pair = pairs[i]
            let keyText = lines[pair.keyLine - 1]
            guard keyText.hasPrefix(key + ":") else { return nil }
            let rest = keyText.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            guard rest.isEmpty || rest.hasPrefix("#") else { return nil }   // flow style: rewrite the tree
            // The block ends before the next top-level key, without the blank and comment lines leading to it.
            var end = i + 1 < pairs.count ? pairs[i + 1].keyLine - 1 : lines.count
            while end > pair.keyLine && isBlankOrComment(lines[end - 1]) { end -= 1 }
            if pair.value.isNull {
                lines.insert(newLine, at: pair.keyLine)
            } else {
                switch (change, pair.value) {
                case (.approve, .sequence(let items, _)):
                    guard let first = items.first else { return nil }
                    let firstText = lines[first.line - 1]
                    let indent = indentation(firstText)
                    guard firstText.dropFirst(indent.count).hasPrefix("- ") else { return nil }
                    lines.insert(indent + "- " + entry, at: end)
                case (.setItem(let id, _), .mapping(let items, _)):
                    guard let first = items.first else { return nil }
                    let indent = indentation(lines[first.keyLine - 1])
                    if let j = items.firstIndex(where: { $0.key == id }) {
                        let start = items[j].keyLine
                        var stop = j + 1 < items.count ? items[j + 1].keyLine - 1 : end
                        while stop > start && isBlankOrComment(lines[stop - 1]) { stop -= 1 }
                        guard lines[start - 1].hasPrefix(indent + id + ":") else { return nil }
                        lines.replaceSubrange((start - 1)..<stop, with: [indent + id + ": " + entry])
                    } else {
                        lines.insert(indent + id + ": " + entry, at: end)
                    }
                default:
                    return nil
                }
            }
        } else {
            lines.append(key + ":")
            lines.append(newLine)
        }
        let result = lines.joined(separator: "\n") + "\n"
        // Only a result that reads back as exactly the intended release, every other key untouched, is used.
        guard let newRoot = try? YAMLReader.parse(Array(result.utf8)), case .mapping(let newPairs, _) = newRoot else { return nil }
        let (decoded, problems) = Decoders.release(newRoot, path: "releases/\(stem).yaml", stem: stem)
        guard problems.isEmpty, decoded == expected else { return nil }
        let others = pairs.filter { $0.key != key }
        let newOthers = newPairs.filter { $0.key != key }
        guard others.count == newOthers.count, zip(others, newOthers).allSatisfy({ $0.key == $1.key && $0.value.sameContent(as: $1.value) }) else {
            return nil
        }
        return result
    }

    static func treeEdit(_ text: String, version: String, _ change: (inout [(Node, Node)]) -> Void) throws(OperationError) -> String {
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

    static func approvalNode(_ a: Approval) -> Node {
        var entry: [(Node, Node)] = [(Node("by"), YAMLText.scalar(a.by)), (Node("environment"), YAMLText.scalar(a.environment))]
        if let at = a.at { entry.append((Node("at"), Node(TimeFormat.formatTimestamp(at)))) }
        return Node(entry, .implicit, .flow)
    }

    static func itemNode(_ entry: ChecklistEntry) -> Node {
        var value: [(Node, Node)] = [(Node("done"), Node(entry.done ? "true" : "false"))]
        if let by = entry.by { value.append((Node("by"), YAMLText.scalar(by))) }
        if let at = entry.at { value.append((Node("at"), Node(TimeFormat.formatTimestamp(at)))) }
        if let note = entry.note { value.append((Node("note"), YAMLText.scalar(note))) }
        return Node(value, .implicit, .flow)
    }

    static func appendApproval(_ pairs: inout [(Node, Node)], _ a: Approval) {
        let item = approvalNode(a)
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
        let item = itemNode(entry)
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
