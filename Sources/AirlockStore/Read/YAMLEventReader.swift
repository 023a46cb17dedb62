// Reading a YAML file event by event, for the decoders that need no node tree (the hot paths of a load).
import AirlockCore
import CYaml
import Foundation

/// One YAML event at a time, for the decoders that read a plain, valid file without a node tree: any event
/// the decoder does not expect ends its attempt (nil), and the tree decoder reads the file instead. The events
/// come from `PlainYAML` when the file is in its plain shape, else from libyaml.
struct YAMLEventReader {
    typealias Kind = PlainEvent.Kind

    /// The file, for the scalars of `PlainYAML`'s events, and those events (nil: libyaml's).
    let bytes: UnsafeBufferPointer<UInt8>
    let plainEvents: [PlainEvent]?
    var plainIndex = 0
    var parser = yaml_parser_t()
    var event = yaml_event_t()
    var holding = false

    /// The current event: its kind, whether a scalar is plain, and where a scalar starts (line, column).
    var kind = Kind.streamStart
    var isPlainScalar = false
    var mark = (line: -1, column: -1)
    /// Where the last mapping key stood (line, column).
    var keyAt = (line: -1, column: -1)

    init(bytes: UnsafeBufferPointer<UInt8>, plainEvents: [PlainEvent]?) {
        self.bytes = bytes
        self.plainEvents = plainEvents
    }

    mutating func finish() {
        if holding { yaml_event_delete(&event) }
        if plainEvents == nil { yaml_parser_delete(&parser) }
    }

    /// Moves to the next event; false on a syntax error or an anchor, alias or tag.
    mutating func next() -> Bool {
        if let plainEvents {
            guard plainIndex < plainEvents.count else { return false }
            let e = plainEvents[plainIndex]
            plainIndex += 1
            kind = e.kind
            isPlainScalar = e.kind == .scalar
            mark = (Int(e.line), Int(e.column))
            return true
        }
        if holding {
            yaml_event_delete(&event)
            holding = false
        }
        guard yaml_parser_parse(&parser, &event) == 1 else { return false }
        holding = true
        isPlainScalar = false
        switch event.type {
        case YAML_STREAM_START_EVENT: kind = .streamStart
        case YAML_STREAM_END_EVENT: kind = .streamEnd
        case YAML_DOCUMENT_START_EVENT: kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        case YAML_SCALAR_EVENT:
            kind = .scalar
            isPlainScalar = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE
            mark = (Int(event.start_mark.line), Int(event.start_mark.column))
            return event.data.scalar.anchor == nil && event.data.scalar.tag == nil
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart
            return event.data.sequence_start.anchor == nil && event.data.sequence_start.tag == nil
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart
            return event.data.mapping_start.anchor == nil && event.data.mapping_start.tag == nil
        default: return false  // an alias, or anything else
        }
        return true
    }

    var isScalar: Bool { kind == .scalar }

    /// The current scalar's text, and whether YAML would read it as null (plain and empty, ~ or null).
    var scalar: (text: String, isNull: Bool) {
        let text: String
        if let plainEvents {
            let e = plainEvents[plainIndex - 1]
            text = String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(e.start)..<Int(e.end)]), as: UTF8.self)
        } else {
            let s = event.data.scalar
            text =
                s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
        }
        return (
            text,
            isPlainScalar && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
        )
    }

    /// Skips the value that starts with the current event (a scalar, or a whole list or mapping). A skipped
    /// mapping must still be one the tree decoder accepts (text keys, none twice, no merge key), or the two
    /// readers would disagree about the file: anything else ends the attempt.
    mutating func skipValue() -> Bool {
        if isScalar { return true }
        guard kind == .sequenceStart || kind == .mappingStart else {
            return false
        }
        /// Open collections: for a mapping, its keys so far and whether the next event is a key.
        var open: [(keys: Set<String>?, atKey: Bool)] = [(kind == .mappingStart ? [] : nil, true)]
        while let top = open.last {
            guard next() else { return false }
            if kind == .sequenceEnd || kind == .mappingEnd {
                open.removeLast()
                if !open.isEmpty { open[open.count - 1].atKey = true }
                continue
            }
            if var keys = top.keys, top.atKey {
                guard isScalar else { return false }
                let key = scalar.text
                guard key != "<<", keys.insert(key).inserted else { return false }
                open[open.count - 1] = (keys, false)
                continue
            }
            switch kind {
            case .scalar:
                open[open.count - 1].atKey = true
            case .sequenceStart, .mappingStart:
                // Deep nesting is a problem the tree decoder names; leave it to that one.
                if open.count >= 100 { return false }
                open.append((kind == .mappingStart ? [] : nil, true))
            default:
                return false
            }
        }
        return true
    }

    /// The keys of a block or flow mapping, calling `value` for each; nil on duplicates or odd keys.
    mutating func mapping(_ value: (inout YAMLEventReader, String) -> Bool) -> Bool {
        guard kind == .mappingStart else { return false }
        // Keys so far: a short list is searched faster than a set is hashed; a long one goes to a set.
        var seen: [String] = []
        var seenMany = Set<String>()
        while true {
            guard next() else { return false }
            if kind == .mappingEnd { return true }
            guard isScalar else { return false }
            let key = scalar.text
            if key == "<<" && isPlainScalar { return false }
            if seen.count < 8 {
                if seen.contains(key) { return false }
                seen.append(key)
            } else {
                if seenMany.isEmpty { seenMany = Set(seen) }
                guard seenMany.insert(key).inserted else { return false }
            }
            keyAt = mark
            guard next(), value(&self, key) else { return false }
        }
    }

    mutating func sequence(_ item: (inout YAMLEventReader) -> Bool) -> Bool {
        while true {
            guard next() else { return false }
            if kind == .sequenceEnd { return true }
            guard item(&self) else { return false }
        }
    }

    /// A flat map of name -> scalar, in file order (null: no entries).
    mutating func scalarMap() -> [(name: String, value: String)]? {
        if isScalar { return scalar.isNull ? [] : nil }
        var out: [(name: String, value: String)] = []
        let ok = mapping { r, key in
            guard r.isScalar else { return false }
            let s = r.scalar
            out.append((key, s.isNull ? "null" : s.text))
            return true
        }
        return ok ? out : nil
    }

    mutating func list<T>(_ item: (inout YAMLEventReader) -> T?) -> [T]? {
        if isScalar { return scalar.isNull ? [] : nil }
        guard kind == .sequenceStart else { return nil }
        var out: [T] = []
        let ok = sequence { r in
            guard let v = item(&r) else { return false }
            out.append(v)
            return true
        }
        return ok ? out : nil
    }

    /// Reads `bytes` as one document whose top is a mapping, calling `value` for each of its keys; false when
    /// the file is anything else (or `value` says no).
    static func readDocument(_ bytes: [UInt8], _ value: (inout YAMLEventReader, String) -> Bool) -> Bool {
        bytes.withUnsafeBufferPointer { buf -> Bool in
            var reader = YAMLEventReader(bytes: buf, plainEvents: PlainYAML.events(buf))
            if reader.plainEvents == nil {
                guard yaml_parser_initialize(&reader.parser) == 1 else { return false }
                yaml_parser_set_input_string(&reader.parser, buf.baseAddress, buf.count)
            }
            defer { reader.finish() }
            guard reader.next(), reader.kind == .streamStart, reader.next(), reader.kind == .documentStart,
                reader.next(), reader.mapping(value)
            else { return false }
            return reader.next() && reader.kind == .documentEnd && reader.next() && reader.kind == .streamEnd
        }
    }
}
