// Making text from files safe for a terminal: the one rule every printed byte passes.
/// Text a person or CI wrote, made safe for a terminal: the one rule every byte airlock prints passes.
public enum Sanitize {
    /// The longest value echoed whole in a message; longer ones are cut with an ellipsis.
    public static let valueLimit = 200
    /// The longest line written on the command line (human output; JSON is never cut).
    public static let lineLimit = 2000

    /// Characters never written: C0 and C1 controls (ESC, BEL and CSI among them), DEL, and the bidirectional
    /// overrides and isolates that can make text read differently from what it is.
    static func isUnsafe(_ v: UInt32) -> Bool {
        v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// One line: unsafe characters dropped; newlines, carriage returns and tabs become spaces.
    public static func line(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v == 0x0A || v == 0x09 || v == 0x0D {
                out.append(" ")
                continue
            }
            if isUnsafe(v) { continue }
            out.append(u)
        }
        return String(out)
    }

    /// One line, cut to `limit` characters with an ellipsis: a value echoed in a message.
    public static func value(_ s: String, limit: Int = valueLimit) -> String {
        cut(line(s), limit)
    }

    /// Text of several lines: unsafe characters dropped, newline and tab kept (a carriage return is dropped).
    public static func text(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v == 0x0A || v == 0x09 || !isUnsafe(v) { out.append(u) }
        }
        return String(out)
    }

    /// Human output: `text`, then in each line every run of more than `valueLimit` characters without a space
    /// (a value nobody can read whole: a pasted blob, a 10 KB argument) cut with an ellipsis, and the line cut
    /// at `lineLimit`.
    public static func human(_ s: String) -> String {
        let clean = text(s)
        guard clean.utf8.count > valueLimit else { return clean }
        return clean.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var out = ""
            var run = 0
            var length = 0
            var skipping = false
            for ch in line {
                if ch == " " || ch == "\t" {
                    run = 0
                    skipping = false
                } else {
                    run += 1
                    if run > valueLimit {
                        if !skipping {
                            out.append("…")
                            length += 1
                            skipping = true
                        }
                        continue
                    }
                }
                if length >= lineLimit {
                    out.append("…")
                    break
                }
                out.append(ch)
                length += 1
            }
            return out
        }.joined(separator: "\n")
    }

    static func cut(_ s: String, _ limit: Int) -> String {
        guard s.count > limit else { return s }
        return String(s.prefix(max(0, limit - 1))) + "…"
    }
}
