// Reading an environment file straight from libyaml events, without a node tree (the hot path).
import AirlockCore
import CYaml
import Foundation

/// Reads an environment file straight from libyaml's events into an `EnvironmentStatus`, without a node tree.
///
/// Environment files are the large, frequently rewritten ones (thousands of services), so this is the hot path
/// of a reload. It handles the plain, valid shape only: anything else (a wrong type, a bad value, a missing
/// `version`, a duplicate key, an anchor, alias, tag or merge key) returns nil, and the tree decoder reads the
/// file instead and reports its problems with their lines. For every file it accepts, the result equals the tree
/// decoder's (a test holds the two to that).
public enum EnvironmentStream {
    public static func decode(_ bytes: [UInt8], mtime: Date?) -> EnvironmentStatus? {
        guard bytes.count <= YAMLReader.maxFileSize, YAMLReader.invalidUTF8Line(bytes) == nil else { return nil }
        // The services list in its plain block shape is read line by line, and libyaml reads the rest.
        if let block = bytes.withUnsafeBufferPointer({ ServiceBlock.find($0) }) {
            let rest = Array(bytes[..<block.start]) + bytes[block.end...]
            if let s = decode(rest, mtime: mtime, services: block) { return s }
        }
        return decode(bytes, mtime: mtime, services: nil)
    }

    /// With `services`, libyaml must find an empty `services:` key where that list was taken out.
    static func decode(_ bytes: [UInt8], mtime: Date?, services: ServiceBlock?) -> EnvironmentStatus? {
        bytes.withUnsafeBufferPointer { buf -> EnvironmentStatus? in
            var reader = Reader()
            reader.services = services
            guard yaml_parser_initialize(&reader.parser) == 1 else { return nil }
            defer { reader.finish() }
            yaml_parser_set_input_string(&reader.parser, buf.baseAddress, buf.count)
            return reader.document(mtime: mtime)
        }
    }

    /// One event at a time; any event this reader does not expect ends the attempt (nil).
    struct Reader {
        var parser = yaml_parser_t()
        var event = yaml_event_t()
        var holding = false
        /// The services list read without libyaml, and where the last mapping key stood (line, column).
        var services: ServiceBlock?
        var keyAt = (line: -1, column: -1)

        mutating func finish() {
            if holding { yaml_event_delete(&event) }
            yaml_parser_delete(&parser)
        }

        /// Moves to the next event; false on a syntax error or an anchor, alias or tag.
        mutating func next() -> Bool {
            if holding {
                yaml_event_delete(&event)
                holding = false
            }
            guard yaml_parser_parse(&parser, &event) == 1 else { return false }
            holding = true
            switch event.type {
            case YAML_ALIAS_EVENT: return false
            case YAML_SCALAR_EVENT: return event.data.scalar.anchor == nil && event.data.scalar.tag == nil
            case YAML_SEQUENCE_START_EVENT:
                return event.data.sequence_start.anchor == nil && event.data.sequence_start.tag == nil
            case YAML_MAPPING_START_EVENT:
                return event.data.mapping_start.anchor == nil && event.data.mapping_start.tag == nil
            default: return true
            }
        }

        var isScalar: Bool { event.type == YAML_SCALAR_EVENT }

        /// The current scalar's text, and whether YAML would read it as null (plain and empty, ~ or null).
        var scalar: (text: String, isNull: Bool) {
            let s = event.data.scalar
            let text =
                s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
            let plain = s.style == YAML_PLAIN_SCALAR_STYLE
            return (text, plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"))
        }

        /// Skips the value that starts with the current event (a scalar, or a whole list or mapping). A skipped
        /// mapping must still be one the tree decoder accepts (text keys, none twice, no merge key), or the two
        /// readers would disagree about the file: anything else ends the attempt.
        mutating func skipValue() -> Bool {
            if isScalar { return true }
            guard event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT else {
                return false
            }
            /// Open collections: for a mapping, its keys so far and whether the next event is a key.
            var open: [(keys: Set<String>?, atKey: Bool)] = [(event.type == YAML_MAPPING_START_EVENT ? [] : nil, true)]
            while let top = open.last {
                guard next() else { return false }
                if event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT {
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
                switch event.type {
                case YAML_SCALAR_EVENT:
                    open[open.count - 1].atKey = true
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    // Deep nesting is a problem the tree decoder names; leave it to that one.
                    if open.count >= 100 { return false }
                    open.append((event.type == YAML_MAPPING_START_EVENT ? [] : nil, true))
                default:
                    return false
                }
            }
            return true
        }

        /// Text or null; a list or mapping is not this reader's business.
        mutating func optionalText() -> String?? {
            guard isScalar else { return .none }
            let s = scalar
            return .some(s.isNull ? nil : s.text)
        }

        /// The keys of a block or flow mapping, calling `value` for each; nil on duplicates or odd keys.
        mutating func mapping(_ value: (inout Reader, String) -> Bool) -> Bool {
            guard event.type == YAML_MAPPING_START_EVENT else { return false }
            var seen: [String] = []
            while true {
                guard next() else { return false }
                if event.type == YAML_MAPPING_END_EVENT { return true }
                guard isScalar else { return false }
                let key = scalar.text
                if key == "<<" && event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE { return false }
                if seen.contains(key) { return false }
                seen.append(key)
                keyAt = (Int(event.start_mark.line), Int(event.start_mark.column))
                guard next(), value(&self, key) else { return false }
            }
        }

        mutating func sequence(_ item: (inout Reader) -> Bool) -> Bool {
            while true {
                guard next() else { return false }
                if event.type == YAML_SEQUENCE_END_EVENT { return true }
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

        mutating func list<T>(_ item: (inout Reader) -> T?) -> [T]? {
            if isScalar { return scalar.isNull ? [] : nil }
            guard event.type == YAML_SEQUENCE_START_EVENT else { return nil }
            var out: [T] = []
            let ok = sequence { r in
                guard let v = item(&r) else { return false }
                out.append(v)
                return true
            }
            return ok ? out : nil
        }

        mutating func enumValue<E: RawRepresentable>(_ type: E.Type) -> E?? where E.RawValue == String {
            guard isScalar else { return .none }
            let s = scalar
            if s.isNull { return .some(nil) }
            guard let v = E(rawValue: s.text) else { return .none }
            return .some(v)
        }

        mutating func check() -> Check? {
            var name: String?
            var status: CheckStatus?
            var detail: String?
            let ok = mapping { r, key in
                switch key {
                case "name":
                    guard case .some(let v) = r.optionalText() else { return false }
                    name = v
                case "status":
                    guard case .some(let v) = r.enumValue(CheckStatus.self) else { return false }
                    status = v
                case "detail":
                    guard case .some(let v) = r.optionalText() else { return false }
                    detail = v
                default: return r.skipValue()
                }
                return true
            }
            guard ok, let name, let status else { return nil }
            return Check(name: name, status: status, detail: detail)
        }

        mutating func service() -> Service? {
            var name: String?
            var version: String?
            var health: Health?
            let ok = mapping { r, key in
                switch key {
                case "name":
                    guard case .some(let v) = r.optionalText() else { return false }
                    name = v
                case "version":
                    guard case .some(let v) = r.optionalText() else { return false }
                    version = v
                case "health":
                    guard case .some(let v) = r.enumValue(Health.self) else { return false }
                    health = v
                default: return r.skipValue()
                }
                return true
            }
            guard ok, let name else { return nil }
            return Service(name: name, version: version, health: health)
        }

        mutating func timestamp() -> Date?? {
            guard case .some(let text) = optionalText() else { return .none }
            guard let text else { return .some(nil) }
            guard let d = TimeFormat.parseTimestamp(text) else { return .none }
            return .some(d)
        }

        mutating func document(mtime: Date?) -> EnvironmentStatus? {
            guard next(), event.type == YAML_STREAM_START_EVENT, next(), event.type == YAML_DOCUMENT_START_EVENT, next()
            else { return nil }
            var s = EnvironmentStatus()
            var updatedAt: Date?
            let ok = mapping { r, key in
                switch key {
                case "version":
                    guard case .some(let v) = r.optionalText(), let v, Names.isValidVersion(v) else { return false }
                    s.version = v
                case "deployed_at":
                    guard case .some(let v) = r.timestamp() else { return false }
                    s.deployedAt = v
                case "updated_at":
                    guard case .some(let v) = r.timestamp() else { return false }
                    updatedAt = v
                case "deployed_by":
                    guard case .some(let v) = r.optionalText() else { return false }
                    s.deployedBy = v
                case "health":
                    guard case .some(let v) = r.enumValue(Health.self) else { return false }
                    s.health = v
                case "checks":
                    guard let v = r.list({ $0.check() }) else { return false }
                    s.checks = v
                case "services":
                    if let block = r.services {
                        guard r.keyAt == (block.keyLine, 0), r.isScalar, r.scalar.isNull, r.scalar.text.isEmpty else {
                            return false
                        }
                        s.services = block.services
                        r.services = nil
                        return true
                    }
                    guard let v = r.list({ $0.service() }) else { return false }
                    s.services = v
                case "flags":
                    guard let v = r.scalarMap() else { return false }
                    s.flags = v
                case "config":
                    guard let v = r.scalarMap() else { return false }
                    s.config = v
                case "schema_version":
                    guard r.isScalar else { return false }
                    let t = r.scalar
                    if !t.isNull {
                        guard let v = Int(t.text), v >= 0 else { return false }
                        s.schemaVersion = v
                    }
                default: return r.skipValue()
                }
                return true
            }
            guard ok, s.version != nil, services == nil else { return nil }
            s.updatedAt = updatedAt ?? mtime
            guard next(), event.type == YAML_DOCUMENT_END_EVENT, next(), event.type == YAML_STREAM_END_EVENT else {
                return nil
            }
            return s
        }
    }
}
