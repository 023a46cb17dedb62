// Grid: the in-memory screen every widget draws into; text, fills and boxes, clipped to the grid.

import AirlockStore
import Foundation

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
