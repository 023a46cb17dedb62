// Scanning the plain block shape of YAML that CI and airlock write, giving the events libyaml would, without it.

/// One event of a file in the plain block shape: what libyaml's event of the same place says that the decoders
/// read (its kind, a scalar's bytes, where a scalar starts).
struct PlainEvent: Sendable {
    enum Kind: UInt8, Sendable {
        case streamStart, documentStart, documentEnd, streamEnd, mappingStart, mappingEnd, sequenceStart, sequenceEnd
        case scalar
    }
    var kind: Kind
    /// A scalar's bytes (start..<end) and the line and column it starts at (0-based, as libyaml counts).
    var start: Int32 = 0
    var end: Int32 = 0
    var line: Int32 = 0
    var column: Int32 = 0
}

/// The events of a YAML file in the plain block shape, without libyaml: block mappings and lists indented with
/// spaces, one-line flow mappings and lists of plain scalars, and plain scalars of a safe alphabet. libyaml spends
/// most of a fleet's first load on such files; this reads them several times faster.
///
/// It declines (nil) anything else, however valid: quotes, comments, anchors, tags, block scalars, multi-line
/// scalars, tabs, carriage returns, non-ASCII, blank lines, trailing spaces, lists not indented under their key,
/// nesting deeper than `maxDepth`. A declined file goes to libyaml. For every file it accepts, its events equal
/// libyaml's (a fuzz target holds the two to that).
enum PlainYAML {
    static let maxDepth = 40

    static func events(_ bytes: UnsafeBufferPointer<UInt8>) -> [PlainEvent]? {
        var scanner = Scanner(bytes: bytes)
        guard scanner.splitLines(), scanner.lines.first?.indent == 0 else { return nil }
        scanner.events.reserveCapacity(bytes.count / 6)
        scanner.events.append(PlainEvent(kind: .streamStart))
        scanner.events.append(PlainEvent(kind: .documentStart))
        guard scanner.node(indent: 0), scanner.line == scanner.lines.count else { return nil }
        scanner.events.append(PlainEvent(kind: .documentEnd))
        scanner.events.append(PlainEvent(kind: .streamEnd))
        return scanner.events
    }

    /// Bytes allowed anywhere: printable ASCII and newline, without the characters that start a comment, quote,
    /// anchor, alias, tag, block scalar, directive or reserved indicator.
    static let allowed: [Bool] = (0..<256).map { b in
        if b == 0x0A { return true }
        guard b >= 0x20 && b < 0x7F else { return false }
        return !"#'\"&*!|>%@`?\\".utf8.contains(UInt8(b))
    }

    /// Bytes a key or the first byte of a scalar may be.
    static func isWord(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    static func isKeyByte(_ b: UInt8) -> Bool { isWord(b) || b == 0x2E || b == 0x2F || b == 0x2B || b == 0x2D }

    static func isScalarStart(_ b: UInt8) -> Bool { isWord(b) || b == 0x2E || b == 0x2F }

    /// Flow indicators: inside a flow collection they end a scalar; in block scalars they are declined.
    static func isFlowIndicator(_ b: UInt8) -> Bool { b == 0x2C || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D }

    struct Line {
        var start: Int
        var end: Int
        /// Where its content starts, as a column (moved past `- ` for a mapping that starts on a list's line).
        var indent: Int
    }

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var lines: [Line] = []
        var line = 0
        var events: [PlainEvent] = []
        var depth = 0

        mutating func splitLines() -> Bool {
            var start = 0
            // Read once: a static's every use in the loop would check that it is made.
            let allowed = PlainYAML.allowed
            for p in 0..<bytes.count {
                let b = bytes[p]
                guard allowed[Int(b)] else { return false }
                if b == 0x0A {
                    guard addLine(start, p) else { return false }
                    start = p + 1
                }
            }
            if start < bytes.count { return addLine(start, bytes.count) }
            return true
        }

        /// A line with content and no space at its end.
        mutating func addLine(_ start: Int, _ end: Int) -> Bool {
            var p = start
            while p < end && bytes[p] == 0x20 { p += 1 }
            guard p < end, bytes[end - 1] != 0x20 else { return false }
            lines.append(Line(start: start, end: end, indent: p - start))
            return true
        }

        func byte(_ p: Int, of l: Line) -> UInt8? { p < l.end ? bytes[p] : nil }

        /// A list item line: `-` then a space (a bare `-` is declined where it is read).
        func isDash(_ l: Line) -> Bool {
            let p = l.start + l.indent
            return bytes[p] == 0x2D && (p + 1 == l.end || bytes[p + 1] == 0x20)
        }

        /// The end of the key at `p` when `key:` follows (then a space or the line's end), else nil.
        func keyEnd(_ p: Int, _ l: Line) -> Int? {
            guard p < l.end, PlainYAML.isWord(bytes[p]) else { return nil }
            var q = p
            while q < l.end && PlainYAML.isKeyByte(bytes[q]) { q += 1 }
            // libyaml gives up on a key that does not find its `:` within 1,024 characters.
            guard q - p < 1000, q < l.end, bytes[q] == 0x3A, q + 1 == l.end || bytes[q + 1] == 0x20 else { return nil }
            return q
        }

        mutating func scalar(_ start: Int, _ end: Int, _ l: Line) {
            events.append(
                PlainEvent(
                    kind: .scalar, start: Int32(start), end: Int32(end), line: Int32(line),
                    column: Int32(start - l.start)))
        }

        /// The block node whose first line is the current one, at `indent`.
        mutating func node(indent: Int) -> Bool {
            depth += 1
            defer { depth -= 1 }
            guard depth <= PlainYAML.maxDepth else { return false }
            return isDash(lines[line]) ? sequence(indent) : mapping(indent)
        }

        mutating func mapping(_ indent: Int) -> Bool {
            events.append(PlainEvent(kind: .mappingStart))
            while line < lines.count && lines[line].indent == indent {
                let l = lines[line]
                let p = l.start + l.indent
                guard !isDash(l), let colon = keyEnd(p, l) else { return false }
                scalar(p, colon, l)
                if colon + 1 == l.end {
                    let next = line + 1 < lines.count ? lines[line + 1] : nil
                    if let next, next.indent == indent && isDash(next) { return false }  // a list not indented
                    guard let next, next.indent > indent else {
                        scalar(colon + 1, colon + 1, l)  // no value: null
                        line += 1
                        continue
                    }
                    line += 1
                    guard node(indent: next.indent) else { return false }
                    continue
                }
                var v = colon + 1
                while bytes[v] == 0x20 { v += 1 }
                guard inline(v, l) else { return false }
                line += 1
            }
            guard line == lines.count || lines[line].indent < indent else { return false }
            events.append(PlainEvent(kind: .mappingEnd))
            return true
        }

        mutating func sequence(_ indent: Int) -> Bool {
            events.append(PlainEvent(kind: .sequenceStart))
            while line < lines.count && lines[line].indent == indent && isDash(lines[line]) {
                let l = lines[line]
                var p = l.start + l.indent + 1
                guard p < l.end else { return false }  // a bare `-`
                while bytes[p] == 0x20 { p += 1 }
                if keyEnd(p, l) != nil {
                    // A mapping that starts on the item's line: its keys stand at that column.
                    lines[line].indent = p - l.start
                    depth += 1
                    defer { depth -= 1 }
                    guard depth <= PlainYAML.maxDepth, mapping(p - l.start) else { return false }
                } else {
                    guard bytes[p] != 0x2D, inline(p, l) else { return false }
                    line += 1
                }
            }
            guard line == lines.count || lines[line].indent < indent else { return false }
            events.append(PlainEvent(kind: .sequenceEnd))
            return true
        }

        /// The value that takes the rest of the line from `p`: a flow mapping or list, or a plain scalar.
        mutating func inline(_ p: Int, _ l: Line) -> Bool {
            switch bytes[p] {
            case 0x7B: return flow(p, l, mapping: true)
            case 0x5B: return flow(p, l, mapping: false)
            default:
                guard PlainYAML.isScalarStart(bytes[p]) else { return false }
                for q in p..<l.end {
                    let b = bytes[q]
                    if b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D { return false }
                    if b == 0x3A && (q + 1 == l.end || bytes[q + 1] == 0x20) { return false }
                }
                scalar(p, l.end, l)
                return true
            }
        }

        /// A one-line flow mapping or list of plain scalars, ending the line.
        mutating func flow(_ open: Int, _ l: Line, mapping: Bool) -> Bool {
            events.append(PlainEvent(kind: mapping ? .mappingStart : .sequenceStart))
            let close: UInt8 = mapping ? 0x7D : 0x5D
            var p = open + 1
            func skipSpaces() { while p < l.end && bytes[p] == 0x20 { p += 1 } }
            skipSpaces()
            if byte(p, of: l) == close {
                p += 1
            } else {
                while true {
                    if mapping {
                        guard let colon = keyEnd(p, l), colon + 1 < l.end else { return false }
                        scalar(p, colon, l)
                        p = colon + 1
                        skipSpaces()
                    }
                    guard let end = flowScalarEnd(p, l) else { return false }
                    scalar(p, end, l)
                    p = end
                    if byte(p, of: l) == close {
                        p += 1
                        break
                    }
                    guard byte(p, of: l) == 0x2C else { return false }
                    p += 1
                    skipSpaces()
                    guard p < l.end, bytes[p] != close else { return false }  // a trailing comma
                }
            }
            guard p == l.end else { return false }
            events.append(PlainEvent(kind: mapping ? .mappingEnd : .sequenceEnd))
            return true
        }

        /// The end of a plain scalar inside a flow collection (at a `,` or closing bracket, with no space before).
        func flowScalarEnd(_ p: Int, _ l: Line) -> Int? {
            guard p < l.end, PlainYAML.isScalarStart(bytes[p]) else { return nil }
            var q = p
            while q < l.end {
                let b = bytes[q]
                if b == 0x2C || b == 0x5D || b == 0x7D { break }
                if b == 0x5B || b == 0x7B { return nil }
                if b == 0x3A {
                    guard q + 1 < l.end else { return nil }
                    let next = bytes[q + 1]
                    if next == 0x20 || PlainYAML.isFlowIndicator(next) { return nil }
                }
                q += 1
            }
            guard q < l.end, bytes[q - 1] != 0x20 else { return nil }
            return q
        }
    }
}
