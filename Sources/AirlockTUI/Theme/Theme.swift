// Theme: how each role looks (colors and attributes), read from a theme file; the monochrome theme built in.

import AirlockStore
import Foundation

/// How one role looks: colors (xterm-256 indexes, -1 for the terminal's default) and attributes.
public struct Style: Equatable, Sendable {
    public var fg: Int = -1
    public var bg: Int = -1
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
}

public struct ThemeError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int?
    public var message: String
    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// A theme: a style for each role. Read from YAML:
/// `name: x`, `description: ...`, `roles: {healthy: {fg: green, bold: true}, ...}`.
/// The `normal` role's colors are the screen's: a role that leaves fg or bg unset takes normal's, and the blank
/// cells are normal's, so a theme that sets `normal: {fg: ..., bg: ...}` paints the whole screen.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: Style]
    /// One line saying what the theme is for (`airlock theme list`); empty when the file gives none.
    public var summary = ""

    public init(name: String, styles: [Role: Style], summary: String = "") {
        self.name = name
        self.styles = styles
        self.summary = summary
    }

    /// The role as written, with the screen's colors (normal's) where it leaves fg or bg unset.
    public func style(_ role: Role) -> Style {
        var st = ownStyle(role)
        let screen = ownStyle(.normal)
        if st.fg < 0 { st.fg = screen.fg }
        if st.bg < 0 { st.bg = screen.bg }
        return st
    }

    func ownStyle(_ role: Role) -> Style { styles[role] ?? Theme.monochrome.styles[role] ?? Style() }

    /// How a cell looks: its role's style, with the cell's own bold, and its reverse where the role has no
    /// background of its own (reversing a colored background would hide the color that carries the meaning).
    public func resolve(_ cell: Cell) -> Style {
        var st = style(cell.role)
        if cell.bold { st.bold = true }
        if cell.reverse && ownStyle(cell.role).bg < 0 { st.reverse = true }
        return st
    }

    /// A letter per distinct look, for style snapshots: the grid as a map, and a legend.
    public func styleMap(_ grid: Grid) -> (lines: [String], legend: [String]) {
        var letters: [String: Character] = [:]
        var legend: [String] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        func describe(_ st: Style) -> String {
            var parts = ["fg=\(st.fg)", "bg=\(st.bg)"]
            if st.bold { parts.append("bold") }
            if st.reverse { parts.append("reverse") }
            if st.underline { parts.append("underline") }
            if st.dim { parts.append("dim") }
            return parts.joined(separator: " ")
        }
        let lines = (0..<grid.height).map { y in
            String(
                (0..<grid.width).map { x -> Character in
                    let key = describe(resolve(grid[x, y]))
                    if let c = letters[key] { return c }
                    let c = letters.count < alphabet.count ? alphabet[letters.count] : "?"
                    letters[key] = c
                    legend.append("\(c): \(key)")
                    return c
                })
        }
        return (lines, legend)
    }

    /// Attributes alone, telling every state apart without color (NO_COLOR, or a terminal without colors).
    public static let monochrome: Theme = {
        var s: [Role: Style] = [:]
        for r in Role.allCases { s[r] = Style() }
        s[.title] = Style(reverse: true)
        s[.header] = Style(bold: true)
        s[.borderFocus] = Style(bold: true)
        s[.selected] = Style(reverse: true)
        s[.down] = Style(bold: true, reverse: true)
        s[.degraded] = Style(bold: true)
        s[.stale] = Style(reverse: true)
        s[.ready] = Style(bold: true)
        s[.blocked] = Style(underline: true)
        s[.inProgress] = Style(reverse: true)
        s[.keyName] = Style(bold: true)
        s[.keybar] = Style(reverse: true)
        s[.error] = Style(bold: true)
        s[.success] = Style(bold: true)
        s[.dim] = Style(dim: true)
        s[.unknown] = Style(dim: true)
        s[.added] = Style(bold: true)
        s[.removed] = Style(bold: true)
        s[.changed] = Style(bold: true, underline: true)
        s[.accent] = Style(bold: true)
        return Theme(name: "monochrome", styles: s)
    }()

    static let colorNames: [String: Int] = [
        "default": -1, "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "grey": 8, "gray": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    static func color(_ text: String) -> Int? {
        if let c = colorNames[text] { return c }
        if let n = Int(text), (0...255).contains(n) { return n }
        if text.hasPrefix("#"), text.count == 7, let v = Int(text.dropFirst(), radix: 16) {
            return Palette.nearest256(r: (v >> 16) & 0xFF, g: (v >> 8) & 0xFF, b: v & 0xFF)
        }
        return nil
    }

    /// Parses a theme file's text; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws(ThemeError) -> Theme {
        let root: YNode?
        do {
            root = try YAMLReader.parse(Array(text.utf8))
        } catch {
            throw ThemeError(path: path, line: error.line, message: error.message)
        }
        guard let root, case .mapping = root else {
            throw ThemeError(path: path, line: root?.line, message: "expected a mapping with name and roles")
        }
        guard case .scalar(let nameNode)? = root["name"], !nameNode.text.isEmpty else {
            throw ThemeError(path: path, line: root.line, message: "name: required key missing")
        }
        var theme = Theme(name: nameNode.text, styles: monochrome.styles)
        if let d = root["description"] {
            guard case .scalar(let text) = d else {
                throw ThemeError(path: path, line: d.line, message: "description: expected one line of text")
            }
            theme.summary = text.text
        }
        guard let rolesNode = root["roles"], case .mapping(let pairs, _) = rolesNode else {
            throw ThemeError(
                path: path, line: root["roles"]?.line ?? root.line,
                message: "roles: expected a mapping of role -> style")
        }
        for pair in pairs {
            guard let role = Role(rawValue: pair.key) else {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeError(
                    path: path, line: pair.keyLine, message: "roles.\(pair.key): unknown role (known: \(known))")
            }
            guard case .mapping(let attrs, _) = pair.value else {
                throw ThemeError(
                    path: path, line: pair.value.line,
                    message: "roles.\(pair.key): expected a mapping like {fg: green, bold: true}")
            }
            var style = Style()
            for a in attrs {
                guard case .scalar(let v) = a.value else {
                    throw ThemeError(
                        path: path, line: a.value.line, message: "roles.\(pair.key).\(a.key): expected a single value")
                }
                let key = "roles.\(pair.key).\(a.key)"
                switch a.key {
                case "fg", "bg":
                    guard let c = color(v.text) else {
                        let given = Sanitize.line(v.text)
                        throw ThemeError(
                            path: path, line: v.line,
                            message: "\(key): unknown color \"\(given)\" (a name like green, 0-255, or #rrggbb)")
                    }
                    if a.key == "fg" { style.fg = c } else { style.bg = c }
                case "bold", "reverse", "underline", "dim":
                    guard v.text == "true" || v.text == "false" else {
                        throw ThemeError(path: path, line: v.line, message: "\(key): expected true or false")
                    }
                    let on = v.text == "true"
                    switch a.key {
                    case "bold": style.bold = on
                    case "reverse": style.reverse = on
                    case "underline": style.underline = on
                    default: style.dim = on
                    }
                default:
                    throw ThemeError(
                        path: path, line: a.keyLine,
                        message: "\(key): unknown attribute (fg, bg, bold, reverse, underline, dim)")
                }
            }
            theme.styles[role] = style
        }
        return theme
    }
}
