// Contrast check: every role of a theme, as the dashboard draws it, against the background it is drawn on.

/// One way a role is drawn, and its contrast against its background.
public struct ContrastFinding: Equatable, Sendable {
    public var role: Role
    /// How the cell is drawn: "" as the role is, "bold" (a heading, a key, the selected row's text), "selected"
    /// (reversed, as in a selected row), "selected bold".
    public var variant: String
    public var ratio: Double
    public var threshold: Double
    public var fg: RGB
    public var bg: RGB

    public var passes: Bool { ratio >= threshold }

    /// `title (bold): 2.02:1, needs 4.5:1 (#7f7f7f on #00cdcd)`.
    public var description: String {
        let name = role.rawValue + (variant.isEmpty ? "" : " (\(variant))")
        return "\(name): \(Self.format(ratio)):1, needs \(Self.trimmed(threshold)):1 (\(fg) on \(bg))"
    }

    /// A threshold as written: 4.5, 3.
    static func trimmed(_ v: Double) -> String {
        var s = format(v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// Two decimals, cut rather than rounded up (4.497 is 4.49, never a passing-looking 4.50).
    static func format(_ v: Double) -> String {
        let hundredths = Int((v * 100).rounded(.down))
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}

extension Theme {
    /// WCAG AA: 4.5:1 for text; 3:1 for borders and the deliberately dimmed roles (dim, unknown).
    public static func contrastThreshold(_ role: Role) -> Double {
        switch role {
        case .border, .borderFocus, .dim, .unknown: return 3
        default: return 4.5
        }
    }

    /// Every role in every way the screen draws it: as it is and bold; a role without a background of its own
    /// also reversed, as a selected row shows it. Roles drawn inside another's area (the key names on the key
    /// bar, the text of a selected row, the title) are cells of their own pair, so each is checked against the
    /// background it is really drawn on: its own, else the screen's (normal's), else the terminal's.
    public func contrastFindings() -> [ContrastFinding] {
        var out: [ContrastFinding] = []
        for role in Role.allCases {
            var variants: [(String, Bool, Bool)] = [("", false, false), ("bold", true, false)]
            if ownStyle(role).bg < 0 { variants += [("selected", false, true), ("selected bold", true, true)] }
            var seen: [(RGB, RGB)] = []
            for (name, bold, reverse) in variants {
                let cell = Cell(char: "x", role: role, bold: bold, reverse: reverse, continuation: false)
                let (fg, bg) = Contrast.drawn(resolve(cell))
                // A variant drawn exactly as one before it (a role already bold) says nothing new.
                if seen.contains(where: { $0.0 == fg && $0.1 == bg }) { continue }
                seen.append((fg, bg))
                out.append(
                    ContrastFinding(
                        role: role, variant: name, ratio: Contrast.ratio(fg, bg),
                        threshold: Theme.contrastThreshold(role), fg: fg, bg: bg))
            }
        }
        return out
    }

    /// The findings that fall short of their threshold.
    public func contrastFailures() -> [ContrastFinding] { contrastFindings().filter { !$0.passes } }
}
