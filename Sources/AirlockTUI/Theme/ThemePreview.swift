// Theme preview: a one-line sample of a theme's looks for `airlock theme list`, as SGR parameters and text.

/// A run of the preview: SGR parameters (numbers only) and its text.
public struct PreviewRun: Equatable, Sendable {
    public var sgr: [Int]
    public var text: String
}

extension Theme {
    /// The title, a few states and a key hint, each in its role's look, on the theme's screen.
    public func previewRuns() -> [PreviewRun] {
        let sample: [(String, Role)] = [
            (" airlock ", .title), (" ", .normal), ("✓ healthy", .healthy), (" ", .normal), ("! degraded", .degraded),
            (" ", .normal), ("✗ down", .down), (" ", .normal), ("↑ READY", .ready), (" ", .normal),
            ("⊘ BLOCKED", .blocked), (" ", .normal), ("◷ stale", .stale), (" ", .normal), ("q", .keyName),
            (" quit ", .keybar),
        ]
        return sample.map { text, role in
            let bold = role == .title || role == .keyName
            let cell = Cell(char: " ", role: role, bold: bold, reverse: false, continuation: false)
            return PreviewRun(sgr: Self.sgr(resolve(cell)), text: text)
        }
    }

    /// The SGR parameters drawing `st` on a 256-color terminal (a reset first).
    public static func sgr(_ st: Style) -> [Int] {
        var p = [0]
        if st.bold { p.append(1) }
        if st.dim { p.append(2) }
        if st.underline { p.append(4) }
        if st.reverse { p.append(7) }
        if (0...255).contains(st.fg) { p += [38, 5, st.fg] }
        if (0...255).contains(st.bg) { p += [48, 5, st.bg] }
        return p
    }
}
