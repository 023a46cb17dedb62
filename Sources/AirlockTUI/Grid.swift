import AirlockStore
import Foundation

/// What a cell means; a theme turns roles into colors and attributes.
public enum Role: String, CaseIterable, Sendable {
    case normal, dim, title, border, borderFocus, header, selected
    case healthy, degraded, down, unknown, stale
    case ready, blocked
    case inProgress = "in-progress"
    case keybar
    case keyName = "key"
    case status, error, success, accent, added, removed, changed, overlay
}

public struct Cell: Equatable, Sendable {
    public var char: Unicode.Scalar
    public var role: Role
    /// Bold and reverse on top of the role (selection, emphasis).
    public var bold: Bool
    public var reverse: Bool
    /// A cell covered by the right half of a wide character.
    public var continuation: Bool

    public static let blank = Cell(char: " ", role: .normal, bold: false, reverse: false, continuation: false)
}

/// An in-memory screen: views draw here; the terminal writes only what changed.
public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Display width of a scalar: 0 for combining marks and controls, 2 for wide ones.
    /// (A fixed table rather than wcwidth(3), so the grid does not depend on the process locale.)
    public static func width(of u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        for r in zeroWidth where r.contains(v) { return 0 }
        for r in wide where r.contains(v) { return 2 }
        return 1
    }

    static let zeroWidth: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F, 0x1AB0...0x1AFF,
        0x1DC0...0x1DFF, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0x20D0...0x20FF, 0xFE00...0xFE0F,
        0xFE20...0xFE2F, 0xFEFF...0xFEFF, 0xE0000...0xE0FFF,
    ]

    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x303E,
        0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F004...0x1F004,
        0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
        0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD,
    ]

    public static func width(of s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    /// Cuts `s` to at most `max` columns, ending with … when cut.
    public static func truncate(_ s: String, _ max: Int) -> String {
        guard max > 0 else { return "" }
        if width(of: s) <= max { return s }
        var out = String.UnicodeScalarView()
        var w = 0
        for u in s.unicodeScalars {
            let cw = width(of: u)
            if w + cw > max - 1 { break }
            out.append(u)
            w += cw
        }
        out.append("…")
        return String(out)
    }

    /// Writes text from (x, y), clipped to `maxWidth` columns and to the grid. Text is sanitized here,
    /// so nothing read from a file can reach the terminal as a control character.
    @discardableResult
    public mutating func text(
        _ x: Int, _ y: Int, _ s: String, _ role: Role = .normal, bold: Bool = false,
        reverse: Bool = false, maxWidth: Int? = nil
    ) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var cx = x
        for u in Sanitize.line(s).unicodeScalars {
            let w = Grid.width(of: u)
            if w == 0 { continue }
            if cx + w > limit { break }
            if cx >= 0 {
                self[cx, y] = Cell(char: u, role: role, bold: bold, reverse: reverse, continuation: false)
                if w == 2 {
                    self[cx + 1, y] = Cell(char: " ", role: role, bold: bold, reverse: reverse, continuation: true)
                }
            }
            cx += w
        }
        return cx
    }

    public mutating func fill(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ role: Role = .normal, reverse: Bool = false) {
        for yy in max(0, y)..<min(height, y + h) {
            for xx in max(0, x)..<min(width, x + w) {
                self[xx, yy] = Cell(char: " ", role: role, bold: false, reverse: reverse, continuation: false)
            }
        }
    }

    public mutating func box(
        _ x: Int, _ y: Int, _ w: Int, _ h: Int, _ role: Role = .border, title: String? = nil,
        titleRole: Role = .header
    ) {
        guard w >= 2, h >= 2 else { return }
        let hl: Unicode.Scalar = "─"
        let vl: Unicode.Scalar = "│"
        func put(_ px: Int, _ py: Int, _ c: Unicode.Scalar) {
            guard px >= 0, px < width, py >= 0, py < height else { return }
            self[px, py] = Cell(char: c, role: role, bold: false, reverse: false, continuation: false)
        }
        for xx in (x + 1)..<(x + w - 1) {
            put(xx, y, hl)
            put(xx, y + h - 1, hl)
        }
        for yy in (y + 1)..<(y + h - 1) {
            put(x, yy, vl)
            put(x + w - 1, yy, vl)
        }
        put(x, y, "┌")
        put(x + w - 1, y, "┐")
        put(x, y + h - 1, "└")
        put(x + w - 1, y + h - 1, "┘")
        if let title, w > 4 {
            text(x + 2, y, " " + Grid.truncate(title, w - 6) + " ", titleRole, bold: true)
        }
    }

    /// The grid as plain text lines (for snapshots and tests).
    public var lines: [String] {
        (0..<height).map { y in
            var s = String.UnicodeScalarView()
            for x in 0..<width where !self[x, y].continuation { s.append(self[x, y].char) }
            return String(s)
        }
    }

    /// One letter a cell for the role map of snapshots.
    public var roleLines: [String] {
        (0..<height).map { y in
            String(
                (0..<width).map { x -> Character in
                    let c = self[x, y]
                    return c.char == " " && !c.reverse && c.role == .normal
                        ? " " : Grid.roleLetter(c.role, bold: c.bold || c.reverse)
                })
        }
    }

    static func roleLetter(_ role: Role, bold: Bool) -> Character {
        let letters: [Role: Character] = [
            .normal: "n", .dim: "d", .title: "t", .border: "b", .borderFocus: "f", .header: "h", .selected: "s",
            .healthy: "g", .degraded: "y", .down: "r", .unknown: "u", .stale: "z", .ready: "R", .blocked: "B",
            .inProgress: "P", .keybar: "k", .keyName: "K", .status: "S", .error: "E", .success: "G", .accent: "a",
            .added: "+", .removed: "-", .changed: "~", .overlay: "o",
        ]
        let c = letters[role] ?? "?"
        return bold ? Character(c.uppercased()) : c
    }
}
