// An environment file's `services:` list in its plain block shape, read line by line without libyaml (the hot path).
import AirlockCore
import Foundation

/// The `services:` list of an environment file when it has the plain block shape CI tools write: a top-level
/// `services:` line, then items `- key: value` and `  key: value`, one simple scalar per line. That list is most of
/// a large environment file, and reading it line by line is far cheaper than libyaml's scanner.
///
/// Anything else (a flow list, a comment, a tab, a quote, an indicator, a nested value, a null, a duplicate key, a
/// health that is not one) finds nothing, and the whole file goes through libyaml as before. The environment stream
/// reader then checks that libyaml reads the file without the list exactly where this found it (EnvironmentStream
/// `decodeSplicing`), so what is read is what libyaml would read.
struct ServiceBlock {
    /// The line of the `services:` key (0-based, as libyaml counts).
    var keyLine: Int
    /// The list's lines: from the line after `services:` to the next line at column 0 (or the end of the file).
    var start: Int
    var end: Int
    var services: [Service]

    static let key = Array("services:".utf8)

    /// The list of a file, when it has the plain block shape; nil sends the file to libyaml whole.
    static func find(_ b: UnsafeBufferPointer<UInt8>) -> ServiceBlock? {
        let n = b.count
        var line = 0
        var i = 0
        while i < n {
            if startsWith(b, i, key) {
                var j = i + key.count
                while j < n && b[j] == 0x20 { j += 1 }
                guard j < n, b[j] == 0x0A else { return nil }
                guard var block = parse(b, from: j + 1) else { return nil }
                block.keyLine = line
                return block
            }
            // libyaml counts CR, NEL, LS and PS as line breaks too: before the key, only LF is allowed here.
            while i < n && b[i] != 0x0A {
                if b[i] == 0x0D || b[i] == 0xC2 || b[i] == 0xE2 { return nil }
                i += 1
            }
            i += 1
            line += 1
        }
        return nil
    }

    static func startsWith(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ prefix: [UInt8]) -> Bool {
        guard i + prefix.count <= b.count else { return false }
        for k in 0..<prefix.count where b[i + k] != prefix[k] { return false }
        return true
    }

    /// The items from `start` on, up to a line at column 0 that starts a key (or the end).
    static func parse(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> ServiceBlock? {
        let n = b.count
        var services: [Service] = []
        var item: Item?
        var dash: Int?
        var p = start
        while p < n {
            var eol = p
            while eol < n && b[eol] != 0x0A { eol += 1 }
            var k = p
            while k < eol && b[k] == 0x20 { k += 1 }
            let next = min(eol + 1, n)
            if k == eol {  // a blank line
                p = next
                continue
            }
            let isItem = k + 1 < eol && b[k] == 0x2D && b[k + 1] == 0x20
            if k == p && !(isItem && (dash ?? 0) == 0) {
                // Column 0: the next top-level key ends the list; anything else is libyaml's to read.
                guard isKeyStart(b[k]) else { return nil }
                break
            }
            if isItem && (dash == nil || dash == k - p) {
                dash = k - p
                if let done = item {
                    guard let s = done.service else { return nil }
                    services.append(s)
                }
                item = Item()
                guard item?.take(b, from: k + 2, to: eol) == true else { return nil }
            } else if let d = dash, k - p == d + 2, item != nil {
                guard item?.take(b, from: k, to: eol) == true else { return nil }
            } else {
                return nil
            }
            p = next
        }
        if let done = item {
            guard let s = done.service else { return nil }
            services.append(s)
        }
        return ServiceBlock(keyLine: 0, start: start, end: p, services: services)
    }

    @inline(__always) static func isKeyStart(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    /// A character of a key after its first: letters, digits, `_ - .`.
    @inline(__always) static func isKeyChar(_ c: UInt8) -> Bool { isKeyStart(c) || c == 0x2D || c == 0x2E }

    /// A character of a value after its first: letters, digits, space and `. _ - / : @ + = ( )`.
    @inline(__always) static func isValueChar(_ c: UInt8) -> Bool {
        isKeyChar(c) || c == 0x20 || c == 0x2F || c == 0x3A || c == 0x40 || c == 0x2B || c == 0x3D || c == 0x28
            || c == 0x29
    }

    /// One item of the list as its lines are read.
    struct Item {
        /// Where each key so far starts and ends (a key twice is libyaml's to report).
        var keys: [(start: Int, end: Int)] = []
        var name: String?
        var version: String?
        var health: Health?

        var service: Service? { name.map { Service(name: $0, version: version, health: health) } }

        /// Reads `key: value` from `q` to the line's end; false when it is not that simple shape.
        mutating func take(_ b: UnsafeBufferPointer<UInt8>, from q: Int, to eol: Int) -> Bool {
            guard q < eol, ServiceBlock.isKeyStart(b[q]) else { return false }
            var c = q + 1
            while c < eol && ServiceBlock.isKeyChar(b[c]) { c += 1 }
            guard c - q <= 64, c + 1 < eol, b[c] == 0x3A, b[c + 1] == 0x20 else { return false }
            var v = c + 2
            while v < eol && b[v] == 0x20 { v += 1 }
            var e = eol
            while e > v && b[e - 1] == 0x20 { e -= 1 }
            guard v < e, ServiceBlock.isKeyStart(b[v]), b[e - 1] != 0x3A else { return false }
            for x in (v + 1)..<e {
                guard ServiceBlock.isValueChar(b[x]) else { return false }
                if b[x] == 0x3A && b[x + 1] == 0x20 { return false }
            }
            let key = UnsafeBufferPointer(rebasing: b[q..<c])
            for old in keys where old.end - old.start == key.count {
                if UnsafeBufferPointer(rebasing: b[old.start..<old.end]).elementsEqual(key) { return false }
            }
            keys.append((q, c))
            let value = String(decoding: UnsafeBufferPointer(rebasing: b[v..<e]), as: UTF8.self)
            if value == "null" || value == "Null" || value == "NULL" { return false }
            switch key.count {
            case 4 where key.elementsEqual("name".utf8): name = value
            case 7 where key.elementsEqual("version".utf8): version = value
            case 6 where key.elementsEqual("health".utf8):
                guard let h = Health(rawValue: value) else { return false }
                health = h
            default: break
            }
            return true
        }
    }
}
