// Where each YAML node stands in its bytes (spans, styles, anchors), for editing in place.
import CYaml

/// Where each node of a YAML document stands in its bytes: spans, styles, anchors and aliases, taken from
/// libyaml's own marks. Editors of files people write work on these positions, so they always agree with
/// the parser about what is a line break (CR, LF, CRLF, U+0085, U+2028, U+2029) and where a value ends.
struct LayoutNode {
    enum Content {
        case scalar(String, plain: Bool, block: Bool)
        case sequence([LayoutNode])
        case mapping([LayoutPair])
        case alias(String)
    }
    var content: Content
    /// Byte offsets: libyaml's start and end marks (properties such as `&anchor` included).
    var start: Int
    var end: Int
    /// Column of the start, in characters (libyaml's count).
    var column: Int
    var anchor: String?
    var flow: Bool

    /// A value left out (`key:` with nothing after it); libyaml places it at the next token, so its
    /// span says nothing about where it would be written.
    var isEmpty: Bool {
        if case .scalar(let text, let plain, _) = content { return plain && text.isEmpty && anchor == nil }
        return false
    }

    var isNull: Bool {
        if case .scalar(let text, let plain, _) = content {
            return plain && ["", "~", "null", "Null", "NULL"].contains(text)
        }
        return false
    }

    var isPlain: Bool {
        if case .scalar(_, let plain, _) = content { return plain }
        return false
    }

    var text: String? {
        if case .scalar(let text, _, _) = content { return text }
        return nil
    }
}

struct LayoutPair {
    var key: LayoutNode
    var value: LayoutNode
}

struct YAMLLayout {
    var root: LayoutNode
    /// Anchor names some alias refers to: the nodes holding them cannot change without changing those places.
    var aliased: Set<String>

    /// The layout of one document, or nil when libyaml cannot read it (the reader reports why).
    static func read(_ bytes: [UInt8]) -> YAMLLayout? {
        guard bytes.count <= YAMLReader.maxFileSize else { return nil }
        // libyaml counts characters after a byte order mark; a table maps them back to byte offsets.
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var offsets: [Int] = []
        offsets.reserveCapacity(bytes.count + 1)
        var i = bom
        while i < bytes.count {
            offsets.append(i)
            i += utf8Width(bytes[i])
        }
        offsets.append(bytes.count)
        return bytes.withUnsafeBufferPointer { buf -> YAMLLayout? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            var walker = Walker(offsets: offsets)
            guard let root = walker.document(&parser) else { return nil }
            return YAMLLayout(root: root, aliased: walker.aliased)
        }
    }

    static func utf8Width(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }

    struct Walker {
        let offsets: [Int]
        var aliased: Set<String> = []
        var depth = 0
        var nodes = 0

        func byte(_ mark: yaml_mark_t) -> Int {
            let i = Int(clamping: mark.index)
            return i < offsets.count ? offsets[i] : (offsets.last ?? 0)
        }

        static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            p.map { String(cString: $0) }
        }

        mutating func next(_ parser: inout yaml_parser_t, _ event: inout yaml_event_t) -> Bool {
            yaml_parser_parse(&parser, &event) == 1
        }

        mutating func document(_ parser: inout yaml_parser_t) -> LayoutNode? {
            var event = yaml_event_t()
            for _ in 0..<3 {  // stream start, document start, then the root's first event
                guard next(&parser, &event) else { return nil }
                if event.type == YAML_STREAM_END_EVENT {
                    yaml_event_delete(&event)
                    return nil
                }
                if event.type == YAML_STREAM_START_EVENT || event.type == YAML_DOCUMENT_START_EVENT {
                    yaml_event_delete(&event)
                    continue
                }
                break
            }
            return node(&parser, &event)
        }

        /// The node that starts with `event` (consumed), or nil when the input is not readable.
        mutating func node(_ parser: inout yaml_parser_t, _ event: inout yaml_event_t) -> LayoutNode? {
            nodes += 1
            let start = byte(event.start_mark)
            let column = Int(clamping: event.start_mark.column)
            guard nodes < 4_000_000 else {
                yaml_event_delete(&event)
                return nil
            }
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let text =
                    s.value.map {
                        String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self)
                    } ?? ""
                let block = s.style == YAML_LITERAL_SCALAR_STYLE || s.style == YAML_FOLDED_SCALAR_STYLE
                let plain = s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nil
                let node = LayoutNode(
                    content: .scalar(text, plain: plain, block: block),
                    start: start, end: byte(event.end_mark), column: column,
                    anchor: Self.string(s.anchor), flow: false)
                yaml_event_delete(&event)
                return node
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                aliased.insert(name)
                let node = LayoutNode(
                    content: .alias(name), start: start, end: byte(event.end_mark), column: column,
                    anchor: nil, flow: false)
                yaml_event_delete(&event)
                return node
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = Self.string(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                let flow =
                    isMapping
                    ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                    : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                yaml_event_delete(&event)
                depth += 1
                defer { depth -= 1 }
                guard depth <= YAMLReader.maxDepth else { return nil }
                var children: [LayoutNode] = []
                while true {
                    guard next(&parser, &event) else { return nil }
                    if event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT {
                        let end = byte(event.end_mark)
                        yaml_event_delete(&event)
                        var pairs: [LayoutPair] = []
                        if isMapping {
                            guard children.count % 2 == 0 else { return nil }
                            pairs = stride(from: 0, to: children.count, by: 2).map {
                                LayoutPair(key: children[$0], value: children[$0 + 1])
                            }
                        }
                        return LayoutNode(
                            content: isMapping ? .mapping(pairs) : .sequence(children),
                            start: start, end: end,
                            column: column, anchor: anchor, flow: flow)
                    }
                    guard let child = node(&parser, &event) else { return nil }
                    children.append(child)
                }
            default:
                yaml_event_delete(&event)
                return nil
            }
        }
    }
}
