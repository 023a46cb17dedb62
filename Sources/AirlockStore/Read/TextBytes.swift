// Line arithmetic on a file's bytes, with every line break libyaml knows.
/// Line arithmetic on a file's bytes, with the line breaks libyaml knows (LF, CR, CRLF, U+0085, U+2028,
/// U+2029), so an editor working on libyaml's positions never disagrees with it about where a line ends.
struct TextBytes {
    let bytes: [UInt8]

    static let space: UInt8 = 0x20, tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    func at(_ i: Int) -> UInt8? { i >= 0 && i < bytes.count ? bytes[i] : nil }

    /// The length of the line break starting at `i`, 0 when there is none.
    func breakLength(at i: Int) -> Int {
        switch at(i) {
        case Self.lf: return 1
        case Self.cr: return at(i + 1) == Self.lf ? 2 : 1
        case 0xC2: return at(i + 1) == 0x85 ? 2 : 0
        case 0xE2: return at(i + 1) == 0x80 && (at(i + 2) == 0xA8 || at(i + 2) == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// Whether `i` starts a line: the start of the file or just after a line break.
    func isLineStart(_ i: Int) -> Bool {
        if i <= 0 { return true }
        if at(i - 1) == Self.lf || at(i - 1) == Self.cr { return true }
        if i >= 2 && at(i - 2) == 0xC2 && at(i - 1) == 0x85 { return true }
        return i >= 3 && at(i - 3) == 0xE2 && at(i - 2) == 0x80 && (at(i - 1) == 0xA8 || at(i - 1) == 0xA9)
    }

    /// The position just after the first line break at or after `i`; nil when the file ends first.
    func afterLineBreak(from i: Int) -> Int? {
        var j = max(0, i)
        while j < bytes.count {
            let n = breakLength(at: j)
            if n > 0 { return j + n }
            j += 1
        }
        return nil
    }

    /// `i` moved back over spaces and tabs (not past `floor`).
    func backOverBlanks(_ i: Int, floor: Int) -> Int {
        var p = min(i, bytes.count)
        while p > floor, let c = at(p - 1), c == Self.space || c == Self.tab { p -= 1 }
        return p
    }

    /// `i` moved back over spaces, tabs and CR/LF line breaks (not past `floor`).
    func backOverWhitespace(_ i: Int, floor: Int) -> Int {
        var p = min(i, bytes.count)
        while p > floor, let c = at(p - 1), c == Self.space || c == Self.tab || c == Self.lf || c == Self.cr { p -= 1 }
        return p
    }

    /// The file's own line ending: the most frequent of CRLF, LF and a lone CR (LF when it has none).
    var lineEnding: String {
        var crlf = 0
        var lf = 0
        var cr = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == Self.cr {
                if at(i + 1) == Self.lf {
                    crlf += 1
                    i += 2
                    continue
                }
                cr += 1
            } else if bytes[i] == Self.lf {
                lf += 1
            }
            i += 1
        }
        if crlf > lf && crlf >= cr { return "\r\n" }
        if cr > lf && cr > crlf { return "\r" }
        return "\n"
    }

    /// The line of a position as a text editor numbers it (LF, CRLF and a lone CR end a line), from 1.
    func editorLine(of offset: Int) -> Int {
        var line = 1
        var i = 0
        let stop = min(offset, bytes.count)
        while i < stop {
            if bytes[i] == Self.lf || (bytes[i] == Self.cr && at(i + 1) != Self.lf) { line += 1 }
            i += 1
        }
        return line
    }
}

/// One replacement of a byte range by new text.
struct Splice {
    var at: Int
    var remove: Int
    var insert: String

    /// The bytes with every splice applied, or nil when two of them overlap or one leaves the bytes.
    static func apply(_ splices: [Splice], to bytes: [UInt8]) -> [UInt8]? {
        let ordered = splices.enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + ordered.reduce(0) { $0 + $1.insert.utf8.count })
        var cursor = 0
        for s in ordered {
            guard s.at >= cursor, s.remove >= 0, s.at + s.remove <= bytes.count else { return nil }
            out.append(contentsOf: bytes[cursor..<s.at])
            out.append(contentsOf: s.insert.utf8)
            cursor = s.at + s.remove
        }
        out.append(contentsOf: bytes[cursor...])
        return out
    }
}
