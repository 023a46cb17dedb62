// Styled console output: a line of colored runs whose escape sequences are built from numbers only.

extension Console {
    /// One line on standard output: each run's SGR parameters (numbers, so nothing read from a file can become an
    /// escape sequence), then its text made one safe line; a reset at the end.
    public static func styled(_ runs: [(sgr: [Int], text: String)]) {
        var out = ""
        for run in runs {
            out += "\u{1B}[" + run.sgr.map(String.init).joined(separator: ";") + "m" + Sanitize.line(run.text)
        }
        write(out + "\u{1B}[0m\n", to: .out)
    }
}
