// Parsing one audit line (a flat JSON object of strings) straight from its bytes.
import Foundation

/// Reads one audit line, a flat JSON object of string (or null) values as airlock writes them, straight from
/// its bytes: several times faster than JSONSerialization, which matters when `check` or `log` reads a log of
/// a million lines. Anything else (numbers, nested values, bad UTF-8) returns nil and the caller falls back to
/// JSONSerialization, so the two agree on what a valid line is.
enum AuditLineParser {
    /// The object's string values by key (a null value is absent); nil when the fast path does not apply.
    static func fields(_ bytes: ArraySlice<UInt8>) -> [String: String]? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        func skipSpace() {
            while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        }
        func expect(_ b: UInt8) -> Bool {
            skipSpace()
            guard i < end, bytes[i] == b else { return false }
            i += 1
            return true
        }
        guard expect(0x7B) else { return nil }  // {
        var out: [String: String] = [:]
        skipSpace()
        if i < end, bytes[i] == 0x7D {
            i += 1
            skipSpace()
            return i == end ? out : nil
        }
        while true {
            skipSpace()
            guard let key = string(bytes, &i), expect(0x3A) else { return nil }  // :
            skipSpace()
            if i + 4 <= end, bytes[i] == 0x6E, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x6C {
                i += 4  // null
                out[key] = nil
            } else {
                guard let value = string(bytes, &i) else { return nil }
                out[key] = value
            }
            skipSpace()
            guard i < end else { return nil }
            if bytes[i] == 0x2C {
                i += 1
                continue
            }  // ,
            guard bytes[i] == 0x7D else { return nil }  // }
            i += 1
            skipSpace()
            return i == end ? out : nil
        }
    }

    /// A JSON string starting at `i` (at its opening quote); leaves `i` after the closing quote.
    private static func string(_ bytes: ArraySlice<UInt8>, _ i: inout Int) -> String? {
        let end = bytes.endIndex
        guard i < end, bytes[i] == 0x22 else { return nil }
        i += 1
        let start = i
        // The common case: no escapes, one copy.
        while i < end, bytes[i] != 0x22, bytes[i] != 0x5C, bytes[i] >= 0x20 { i += 1 }
        guard i < end else { return nil }
        if bytes[i] == 0x22 {
            defer { i += 1 }
            return String(validating: bytes[start..<i], as: UTF8.self)
        }
        guard bytes[i] == 0x5C else { return nil }  // a raw control character is not JSON
        var out = Array(bytes[start..<i])
        while i < end {
            let b = bytes[i]
            if b == 0x22 {
                i += 1
                return String(validating: out, as: UTF8.self)
            }
            if b < 0x20 { return nil }
            guard b == 0x5C else {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < end else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                // \uXXXX, with surrogate pairs; anything unusual goes to the slow path.
                guard let unit = hex4(bytes, i) else { return nil }
                i += 4
                var scalar: Unicode.Scalar?
                if (0xD800..<0xDC00).contains(unit) {
                    guard i + 6 <= end, bytes[i] == 0x5C, bytes[i + 1] == 0x75, let low = hex4(bytes, i + 2),
                        (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    i += 6
                    scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                guard let scalar else { return nil }
                out += Array(String(Character(scalar)).utf8)
            default: return nil
            }
        }
        return nil
    }

    private static func hex4(_ bytes: ArraySlice<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= bytes.endIndex else { return nil }
        var v: UInt32 = 0
        for b in bytes[at..<(at + 4)] {
            switch b {
            case 0x30...0x39: v = v << 4 | UInt32(b - 0x30)
            case 0x41...0x46: v = v << 4 | UInt32(b - 0x41 + 10)
            case 0x61...0x66: v = v << 4 | UInt32(b - 0x61 + 10)
            default: return nil
            }
        }
        return v
    }
}
