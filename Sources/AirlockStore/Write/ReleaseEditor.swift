// Planning one change to a release file as byte splices, in whatever layout the file has.
import AirlockCore
import Foundation

/// Plans one change to a release file as byte splices at the positions libyaml reports, in whatever layout
/// the file has (block or flow, one line or several, comments anywhere, any line ending). What it cannot do
/// exactly (editing through an alias, or a node other places alias) it refuses, naming the line.
struct ReleaseEditor {
    let text: TextBytes
    let layout: YAMLLayout
    let path: String
    private(set) var splices: [Splice] = []

    init(bytes: [UInt8], layout: YAMLLayout, path: String) {
        self.text = TextBytes(bytes: bytes)
        self.layout = layout
        self.path = path
    }

    /// One entry to add to a mapping (`key` set) or a sequence: its value in flow style, and optionally the
    /// lines it takes in a block collection (relative to the entry's indentation).
    struct Entry {
        var key: String?
        var flow: String
        var block: [String]?

        var flowItem: String { key.map { "\($0): \(flow)" } ?? flow }
        var blockLines: [String] { block ?? [key.map { "\($0): \(flow)" } ?? "- \(flow)"] }
    }

    func refusal(_ offset: Int, _ what: String, _ why: String) -> OperationError {
        OperationError(.badInput, "\(path):\(text.editorLine(of: offset)): cannot change \(what) in place: \(why)")
    }

    static func pair(_ key: String, in node: LayoutNode) -> LayoutPair? {
        guard case .mapping(let pairs) = node.content else { return nil }
        return pairs.last { $0.key.text == key }
    }

    // MARK: the two changes

    mutating func plan(_ change: ReleaseChange) throws(OperationError) {
        let root = layout.root
        guard case .mapping = root.content else {
            throw refusal(root.start, "the release", "the file is not a mapping")
        }
        let entry = ReleaseFile.flowText(change)
        switch change {
        case .setMeta(let key, _, _):
            try planMeta(key, entry, in: root)
        case .approve:
            let what = "approvals"
            guard let approvals = Self.pair("approvals", in: root) else {
                let list = Entry(key: "approvals", flow: "[\(entry)]", block: ["approvals:", "  - \(entry)"])
                return try add([list], to: root, what)
            }
            try checkEditable(approvals.value, what)
            if approvals.value.isNull {
                return try replaceValue(of: approvals, in: root, with: "[\(entry)]", block: ["- \(entry)"], what)
            }
            guard case .sequence = approvals.value.content else {
                throw refusal(approvals.value.start, what, "it is not a list")
            }
            try add([Entry(key: nil, flow: entry, block: nil)], to: approvals.value, what)
        case .setItem(let id, let value):
            let what = "checklist.\(id)"
            guard let checklist = Self.pair("checklist", in: root) else {
                let items = Entry(
                    key: "checklist", flow: "{\(id): \(entry)}",
                    block: ["checklist:", "  \(id): \(entry)"])
                return try add([items], to: root, what)
            }
            try checkEditable(checklist.value, "checklist")
            if checklist.value.isNull {
                return try replaceValue(
                    of: checklist, in: root, with: "{\(id): \(entry)}", block: ["\(id): \(entry)"],
                    what)
            }
            guard case .mapping = checklist.value.content else {
                throw refusal(checklist.value.start, what, "checklist is not a mapping")
            }
            guard let item = Self.pair(id, in: checklist.value) else {
                return try add([Entry(key: id, flow: entry, block: nil)], to: checklist.value, what)
            }
            try checkEditable(item.value, what)
            if case .mapping = item.value.content {
                try updateFields(of: item.value, to: value, what)
            } else {
                try replaceValue(of: item, in: checklist.value, with: entry, block: nil, what)
            }
        }
    }

    /// Sets `done`, `by`, `at` and `note` inside an item written as a mapping, keeping its other keys, its
    /// comments and its style; fields that already hold the value are left as written.
    mutating func updateFields(of item: LayoutNode, to value: ChecklistEntry, _ what: String) throws(OperationError) {
        var fields: [(String, String, (String) -> Bool)] = [
            ("done", "\(value.done)", { ReleaseFile.bool($0) == value.done })
        ]
        if let by = value.by { fields.append(("by", YAMLText.flowScalar(by), { $0 == by })) }
        if let at = value.at {
            fields.append(("at", TimeFormat.formatTimestamp(at), { TimeFormat.parseTimestamp($0) == at }))
        }
        if let note = value.note { fields.append(("note", YAMLText.flowScalar(note), { $0 == note })) }
        var missing: [Entry] = []
        for (name, newText, holds) in fields {
            guard let field = Self.pair(name, in: item) else {
                missing.append(Entry(key: name, flow: newText, block: nil))
                continue
            }
            if case .scalar(let old, _, _) = field.value.content, !field.value.isNull, holds(old) { continue }
            try checkEditable(field.value, "\(what).\(name)")
            try replaceValue(of: field, in: item, with: newText, block: nil, "\(what).\(name)")
        }
        if !missing.isEmpty { try add(missing, to: item, what) }
    }

    // MARK: edits

    /// Refuses a node that is an alias or that other places reach through an alias.
    func checkEditable(_ node: LayoutNode, _ what: String) throws(OperationError) {
        if case .alias(let name) = node.content {
            throw refusal(
                node.start, what,
                "its value is the alias *\(name) (write the value out to let airlock edit it)")
        }
        if let anchor = node.anchor, layout.aliased.contains(anchor) {
            throw refusal(node.start, what, "its value is the anchor &\(anchor), which *\(anchor) uses elsewhere")
        }
    }

    /// Refuses replacing a node that holds an anchor some alias uses.
    func checkReplaceable(_ node: LayoutNode, _ what: String) throws(OperationError) {
        try checkEditable(node, what)
        switch node.content {
        case .sequence(let items): for item in items { try checkReplaceable(item, what) }
        case .mapping(let pairs):
            for p in pairs {
                try checkReplaceable(p.key, what)
                try checkReplaceable(p.value, what)
            }
        default: break
        }
    }

    /// Adds entries at the end of a mapping or sequence (in a mapping with a YAML merge, before the `<<`
    /// key: keys written before it override what it merges, in every reading of merge keys).
    mutating func add(_ entries: [Entry], to container: LayoutNode, _ what: String) throws(OperationError) {
        let isMapping: Bool
        let lastEnd: Int?
        switch container.content {
        case .mapping(let pairs):
            if let merge = pairs.first(where: { $0.key.text == "<<" && $0.key.isPlain }) {
                return try add(entries, before: merge.key, in: container, what)
            }
            isMapping = true
            lastEnd = pairs.last.map { max($0.key.end, $0.value.end) }
        case .sequence(let items):
            isMapping = false
            lastEnd = items.last?.end
        default:
            throw refusal(container.start, what, "it is not a mapping or list")
        }
        if container.flow {
            let close = container.end - 1
            guard close >= container.start, text.at(close) == (isMapping ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                throw refusal(container.start, what, "cannot find the end of the \(isMapping ? "mapping" : "list")")
            }
            let items = entries.map(\.flowItem).joined(separator: ", ")
            if let lastEnd {
                splices.append(Splice(at: lastEnd, remove: 0, insert: ", " + items))
            } else {
                splices.append(Splice(at: close, remove: 0, insert: items))
            }
            return
        }
        let end = try lineEnd(after: container, what)
        if end == nil, endsInBlockScalar(container), case .mapping(let pairs) = container.content,
            let last = pairs.last
        {
            // A block scalar ending the file without a line break would gain one (and change) if lines
            // followed it; the entry goes before that last key instead.
            return try add(entries, before: last.key, in: container, what)
        }
        let indent = String(repeating: " ", count: try blockIndent(of: container, what))
        insertLines(entries.flatMap(\.blockLines).map { indent + $0 }, at: end)
    }

    /// Adds entries to a mapping just before one of its keys.
    mutating func add(
        _ entries: [Entry], before key: LayoutNode, in container: LayoutNode,
        _ what: String
    ) throws(OperationError) {
        if container.flow {
            splices.append(Splice(at: key.start, remove: 0, insert: entries.map { $0.flowItem + ", " }.joined()))
            return
        }
        let lineStart = text.backOverBlanks(key.start, floor: 0)
        guard text.isLineStart(lineStart) else { throw refusal(key.start, what, "the key does not start its line") }
        let indent = String(repeating: " ", count: key.column)
        insertLines(entries.flatMap(\.blockLines).map { indent + $0 }, at: lineStart)
    }

    /// Replaces a value (null, a scalar, a list) by `flow`; an absent value in a block mapping gets `block`
    /// lines under its key when given, else the text after its colon.
    mutating func replaceValue(
        of pair: LayoutPair, in parent: LayoutNode, with flow: String, block: [String]?,
        _ what: String
    ) throws(OperationError) {
        let value = pair.value
        try checkReplaceable(value, what)
        if value.isEmpty {
            if parent.flow {
                let pad = text.at(value.start - 1) == TextBytes.space ? "" : " "
                splices.append(Splice(at: value.start, remove: 0, insert: pad + flow))
            } else if let block {
                let indent = String(repeating: " ", count: pair.key.column + 2)
                insertLines(block.map { indent + $0 }, at: text.afterLineBreak(from: pair.key.end))
            } else {
                let colon = afterColon(pair.key.end)
                guard colon > pair.key.end else { throw refusal(pair.key.start, what, "the key has no colon") }
                splices.append(Splice(at: colon, remove: 0, insert: " " + flow))
            }
            return
        }
        let end = contentEnd(of: value)
        if !parent.flow, !value.flow, isCollection(value), onlyColonBetween(pair.key.end, value.start) {
            // A block list under its key becomes the flow text on the key's line.
            splices.append(Splice(at: pair.key.end, remove: end - pair.key.end, insert: ": " + flow))
        } else {
            splices.append(Splice(at: value.start, remove: end - value.start, insert: flow))
        }
    }

    mutating func insertLines(_ lines: [String], at position: Int?) {
        let eol = text.lineEnding
        if let position {
            splices.append(Splice(at: position, remove: 0, insert: lines.map { $0 + eol }.joined()))
        } else {
            splices.append(Splice(at: text.bytes.count, remove: 0, insert: eol + lines.joined(separator: eol)))
        }
    }
}
