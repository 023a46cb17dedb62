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
/// `name: x`, `roles: {healthy: {fg: green, bold: true}, ...}`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: Style]

    public func style(_ role: Role) -> Style { styles[role] ?? Theme.monochrome.styles[role] ?? Style() }

    /// How a cell looks: its role's style, with the cell's own bold, and its reverse where the role has no
    /// background of its own (reversing a colored background would hide the color that carries the meaning).
    public func resolve(_ cell: Cell) -> Style {
        var st = style(cell.role)
        if cell.bold { st.bold = true }
        if cell.reverse && st.bg < 0 { st.reverse = true }
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
        guard let rolesNode = root["roles"], case .mapping(let pairs, _) = rolesNode else {
            throw ThemeError(
                path: path, line: root["roles"]?.line ?? root.line,
                message: "roles: expected a mapping of role -> style")
        }
        for pair in pairs {
            guard let role = Role(rawValue: pair.key) else {
                throw ThemeError(
                    path: path, line: pair.keyLine,
                    message:
                        "roles.\(pair.key): unknown role (known: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
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
                        throw ThemeError(
                            path: path, line: v.line,
                            message:
                                "\(key): unknown color \"\(Sanitize.line(v.text))\" (a name like green, 0-255, or #rrggbb)"
                        )
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

/// Where themes come from: the user's folder wins over ./themes, which wins over the built-in ones.
public struct ThemeCatalog: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var source: String
        public var text: String
    }
    public var entries: [Entry]

    public static func userFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/airlock/themes" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/airlock/themes"
    }

    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment, localFolder: String? = "themes"
    ) -> ThemeCatalog {
        var byName: [String: Entry] = [:]
        for (file, text) in Embedded.themes {
            let name = String(file.dropLast(5))
            byName[name] = Entry(name: name, source: "built-in themes/\(file)", text: text)
        }
        for folder in [localFolder, userFolder(environment: environment)].compactMap({ $0 }) {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for f in files.sorted() where f.hasSuffix(".yaml") {
                // A FIFO or a huge file in a theme folder is skipped, never waited on.
                guard case .success(let bytes) = StatusFileReader.read(folder + "/" + f, limit: Self.maxThemeSize)
                else {
                    continue
                }
                let name = String(f.dropLast(5))
                byName[name] = Entry(name: name, source: folder + "/" + f, text: String(decoding: bytes, as: UTF8.self))
            }
        }
        let names = byName.keys.sorted { a, b in a == "default" ? true : b == "default" ? false : a < b }
        return ThemeCatalog(entries: names.compactMap { byName[$0] })
    }

    public var names: [String] { entries.map(\.name) }

    /// Themes are a few hundred bytes; anything far larger is not one.
    static let maxThemeSize = 1024 * 1024

    /// A theme by name, or from a file path (anything with a '/' or ending in .yaml).
    public func theme(_ nameOrPath: String) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") {
            let bytes: [UInt8]
            switch StatusFileReader.read(nameOrPath, limit: Self.maxThemeSize) {
            case .success(let b): bytes = b
            case .failure(let f): throw ThemeError(path: nameOrPath, line: nil, message: f.reason)
            }
            return try Theme.parse(String(decoding: bytes, as: UTF8.self), path: nameOrPath)
        }
        guard let e = entries.first(where: { $0.name == nameOrPath }) else {
            throw ThemeError(
                path: nameOrPath, line: nil, message: "no such theme (available: \(names.joined(separator: ", ")))")
        }
        return try Theme.parse(e.text, path: e.source)
    }
}

/// xterm-256 colors, and their nearest stand-ins on terminals with fewer colors.
enum Palette {
    static func rgb(_ index: Int) -> (Int, Int, Int) {
        let base: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
            (255, 255, 255),
        ]
        if index < 16 { return base[max(0, index)] }
        if index < 232 {
            let i = index - 16
            let steps = [0, 95, 135, 175, 215, 255]
            return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
        }
        let v = 8 + (index - 232) * 10
        return (v, v, v)
    }

    static func nearest256(r: Int, g: Int, b: Int) -> Int {
        var best = 0
        var bestD = Int.max
        for i in 16..<256 {
            let (x, y, z) = rgb(i)
            let d = (x - r) * (x - r) + (y - g) * (y - g) + (z - b) * (z - b)
            if d < bestD {
                bestD = d
                best = i
            }
        }
        return best
    }

    /// The color to use on a terminal with `available` colors.
    static func downgrade(_ c: Int, available: Int) -> Int {
        if c < 0 || c < available { return c }
        let limit = available >= 16 ? 16 : 8
        let (r, g, b) = rgb(c)
        var best = 0
        var bestD = Int.max
        for i in 0..<limit {
            let (x, y, z) = rgb(i)
            let d = (x - r) * (x - r) + (y - g) * (y - g) + (z - b) * (z - b)
            if d < bestD {
                bestD = d
                best = i
            }
        }
        return best
    }
}
