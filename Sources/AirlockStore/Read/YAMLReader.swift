// Reading YAML from libyaml events into YNode, with guards against alias bombs, depth and size.
import CYaml
import Foundation

/// Reads YAML with the libyaml that Yams bundles, straight from parser events into `YNode`,
/// with guards against alias bombs, deep nesting and huge inputs.
public enum YAMLReader {
    /// The largest file read; larger ones are a problem, not a slow start.
    public static let maxFileSize = 16 * 1024 * 1024
    static let maxDepth = 200

    /// Parses one YAML document. Returns nil for an empty document.
    public static func parse(_ bytes: [UInt8]) throws(YAMLReadError) -> YNode? {
        if bytes.count > maxFileSize {
            throw YAMLReadError(
                line: nil,
                message: "file is \(bytes.count) bytes, larger than the \(maxFileSize / 1024 / 1024) MiB limit")
        }
        if let bad = invalidUTF8Line(bytes) {
            throw YAMLReadError(line: bad, message: "invalid UTF-8")
        }
        var builder = Builder(budget: 8 * bytes.count + 100_000)
        return try bytes.withUnsafeBufferPointer { buf throws(YAMLReadError) -> YNode? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                throw YAMLReadError(line: nil, message: "cannot start the YAML parser")
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            return try builder.document(&parser)
        }
    }

    /// The line of the first invalid UTF-8 sequence, if any.
    static func invalidUTF8Line(_ bytes: [UInt8]) -> Int? {
        // Fast path: pure ASCII, eight bytes at a time.
        let allASCII = bytes.withUnsafeBytes { raw -> Bool in
            var high: UInt64 = 0
            let words = raw.count / 8
            for w in 0..<words { high |= raw.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self) }
            for i in (words * 8)..<raw.count { high |= UInt64(raw[i]) }
            return high & 0x8080_8080_8080_8080 == 0
        }
        if allASCII { return nil }
        var i = 0
        var line = 1
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                i += 1
                continue
            }
            if b < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0:
                need = 2
                lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED:
                need = 2
                hi = 0x9F
            case 0xF0:
                need = 3
                lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4:
                need = 3
                hi = 0x8F
            default: return line
            }
            guard i + need < n else { return line }
            for k in 1...need {
                let c = bytes[i + k]
                let l: UInt8 = k == 1 ? lo : 0x80
                let h: UInt8 = k == 1 ? hi : 0xBF
                if c < l || c > h { return line }
            }
            i += need + 1
        }
        return nil
    }

    struct Builder {
        var budget: Int
        var anchors: [String: (node: YNode, weight: Int)] = [:]
        var depth = 0

        mutating func next(_ parser: inout yaml_parser_t, _ event: inout yaml_event_t) throws(YAMLReadError) {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
                let context = parser.context.map { String(cString: $0) }
                let line = Int(parser.problem_mark.line) + 1
                throw YAMLReadError(line: line, message: "YAML syntax: \(context.map { "\($0), " } ?? "")\(problem)")
            }
        }

        mutating func document(_ parser: inout yaml_parser_t) throws(YAMLReadError) -> YNode? {
            var event = yaml_event_t()
            try next(&parser, &event)  // stream start
            yaml_event_delete(&event)
            try next(&parser, &event)
            if event.type == YAML_STREAM_END_EVENT {
                yaml_event_delete(&event)
                return nil
            }
            yaml_event_delete(&event)  // document start
            try next(&parser, &event)
            let (root, _) = try node(&parser, &event)
            try next(&parser, &event)  // document end
            yaml_event_delete(&event)
            try next(&parser, &event)
            defer { yaml_event_delete(&event) }
            if event.type != YAML_STREAM_END_EVENT {
                throw YAMLReadError(
                    line: Int(event.start_mark.line) + 1, message: "expected one YAML document, found another")
            }
            return root
        }

        static func string(_ p: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
            guard let p else { return "" }
            return String(decoding: UnsafeBufferPointer(start: p, count: length), as: UTF8.self)
        }

        static func cString(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let p else { return nil }
            return String(cString: p)
        }

        mutating func spend(_ weight: Int, line: Int) throws(YAMLReadError) {
            budget -= weight
            if budget < 0 {
                throw YAMLReadError(
                    line: line, message: "aliases expand to too many nodes (refused; is this an alias bomb?)")
            }
        }

        /// Builds the node that starts with `event` (which it consumes); returns it and its weight.
        mutating func node(_ parser: inout yaml_parser_t, _ event: inout yaml_event_t) throws(YAMLReadError) -> (
            YNode, Int
        ) {
            let line = Int(event.start_mark.line) + 1
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let scalar = YScalar(
                    text: Self.string(s.value, s.length),
                    plain: s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nil, line: line)
                let anchor = Self.cString(s.anchor)
                yaml_event_delete(&event)
                try spend(1, line: line)
                let n = YNode.scalar(scalar)
                if let anchor { anchors[anchor] = (n, 1) }
                return (n, 1)
            case YAML_ALIAS_EVENT:
                let name = Self.cString(event.data.alias.anchor) ?? ""
                yaml_event_delete(&event)
                guard let target = anchors[name] else {
                    throw YAMLReadError(line: line, message: "YAML: unknown alias *\(name)")
                }
                try spend(target.weight, line: line)
                return target
            case YAML_SEQUENCE_START_EVENT:
                let anchor = Self.cString(event.data.sequence_start.anchor)
                yaml_event_delete(&event)
                depth += 1
                defer { depth -= 1 }
                if depth > maxDepth {
                    throw YAMLReadError(line: line, message: "nested deeper than \(maxDepth) levels")
                }
                var items: [YNode] = []
                items.reserveCapacity(8)
                var weight = 1
                try spend(1, line: line)
                while true {
                    try next(&parser, &event)
                    if event.type == YAML_SEQUENCE_END_EVENT {
                        yaml_event_delete(&event)
                        break
                    }
                    let (child, w) = try node(&parser, &event)
                    items.append(child)
                    weight += w
                }
                let n = YNode.sequence(items, line: line)
                if let anchor { anchors[anchor] = (n, weight) }
                return (n, weight)
            case YAML_MAPPING_START_EVENT:
                let anchor = Self.cString(event.data.mapping_start.anchor)
                yaml_event_delete(&event)
                depth += 1
                defer { depth -= 1 }
                if depth > maxDepth {
                    throw YAMLReadError(line: line, message: "nested deeper than \(maxDepth) levels")
                }
                var pairs: [YPair] = []
                pairs.reserveCapacity(8)
                // Keys brought in by a merge (<<): a key written in the mapping itself overrides them, wherever
                // it stands, as YAML's merge key means.
                var mergedKeys = Set<String>()
                var weight = 1
                try spend(1, line: line)
                while true {
                    try next(&parser, &event)
                    if event.type == YAML_MAPPING_END_EVENT {
                        yaml_event_delete(&event)
                        break
                    }
                    let (key, kw) = try node(&parser, &event)
                    try next(&parser, &event)
                    let (value, vw) = try node(&parser, &event)
                    weight += kw + vw
                    guard case .scalar(let k) = key else {
                        throw YAMLReadError(line: key.line, message: "a mapping key must be text")
                    }
                    if k.text == "<<" && k.plain {
                        // Merge key: bring in the keys of the merged mapping(s) that are not set here.
                        let sources: [YNode]
                        if case .sequence(let list, _) = value { sources = list } else { sources = [value] }
                        for src in sources {
                            guard case .mapping(let merged, _) = src else {
                                throw YAMLReadError(line: value.line, message: "YAML merge (<<) needs a mapping")
                            }
                            for m in merged where !pairs.contains(where: { $0.key == m.key }) {
                                pairs.append(m)
                                mergedKeys.insert(m.key)
                            }
                        }
                        continue
                    }
                    let pair = YPair(key: k.text, keyLine: k.line, value: value)
                    if !mergedKeys.isEmpty || pairs.count < 16, let i = pairs.firstIndex(where: { $0.key == k.text }) {
                        guard mergedKeys.remove(k.text) != nil else {
                            throw YAMLReadError(line: k.line, message: "duplicate key \(k.text)")
                        }
                        pairs[i] = pair
                        continue
                    }
                    pairs.append(pair)
                }
                if pairs.count >= 16 {
                    var seen = Set<String>(minimumCapacity: pairs.count)
                    for p in pairs where !seen.insert(p.key).inserted {
                        throw YAMLReadError(line: p.keyLine, message: "duplicate key \(p.key)")
                    }
                }
                let n = YNode.mapping(pairs, line: line)
                if let anchor { anchors[anchor] = (n, weight) }
                return (n, weight)
            default:
                yaml_event_delete(&event)
                throw YAMLReadError(line: line, message: "unexpected YAML event")
            }
        }
    }
}
