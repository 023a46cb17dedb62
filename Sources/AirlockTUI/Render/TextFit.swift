// Fitting text to columns: wrapping at spaces and keeping the end of typed text.

import AirlockStore
import Foundation

enum TextFit {
    /// Breaks text into lines of at most `width` columns at spaces; continuation lines start `indent` columns in.
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        guard Grid.width(of: text) > width, width > indent + 10 else { return [text] }
        var out: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if Grid.width(of: candidate) > width && !line.trimmingCharacters(in: .whitespaces).isEmpty {
                out.append(line)
                line = String(repeating: " ", count: indent) + word
            } else {
                line = candidate
            }
        }
        out.append(line)
        return out
    }

    /// The end of `s` in at most `max` columns (starting with … when cut): typed text, whose end matters.
    static func tail(_ s: String, _ max: Int) -> String {
        guard max > 0 else { return "" }
        guard Grid.width(of: s) > max else { return s }
        var out: [Unicode.Scalar] = []
        var w = 1
        for u in Sanitize.line(s).unicodeScalars.reversed() {
            let cw = Grid.width(of: u)
            if w + cw > max { break }
            out.append(u)
            w += cw
        }
        var view = String.UnicodeScalarView()
        view.append("…")
        view.append(contentsOf: out.reversed())
        return String(view)
    }
}
