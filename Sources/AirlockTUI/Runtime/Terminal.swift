// The one place that talks to curses: start and stop the screen, read keys, write changed cells.

import CNcurses
import Foundation

/// The one place that talks to curses: start and stop the screen, read keys, write changed cells.
final class Terminal {
    private(set) var useColor: Bool
    private var previous: Grid?
    private var theme = Theme.monochrome
    private var pairs: [Role: Int16] = [:]
    private var forceNext = true

    enum Input: Equatable {
        case key(Key)
        case resize
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    init(noColor: Bool) throws {
        _ = shim_setlocale_all()
        guard shim_start() != nil else {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(TERM is not set)"
            throw StartError(
                description: "cannot drive the terminal \"\(term)\" (no terminfo entry?); try TERM=xterm-256color")
        }
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(shim_stdscr(), true)
        _ = nodelay(shim_stdscr(), true)
        _ = shim_set_escdelay(25)
        _ = curs_set(0)
        useColor = !noColor && has_colors()
        if useColor {
            _ = start_color()
            _ = use_default_colors()
        }
    }

    func shutdown() {
        _ = curs_set(1)
        _ = endwin()
    }

    var size: (width: Int, height: Int) {
        var y: Int32 = 0
        var x: Int32 = 0
        shim_getmaxyx(shim_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    /// Sets the colors of every role; without colors, the monochrome attributes are used whatever the theme.
    func apply(_ theme: Theme) {
        self.theme = useColor ? theme : Theme.monochrome
        let available = Int(shim_colors())
        pairs = [:]
        if useColor {
            for (i, role) in Role.allCases.enumerated() {
                let st = theme.style(role)
                let pair = Int16(i + 1)
                _ = init_pair(
                    pair, Int16(Palette.downgrade(st.fg, available: available)),
                    Int16(Palette.downgrade(st.bg, available: available)))
                pairs[role] = pair
            }
        }
        // Blank cells are normal's; so are erase and clear, so a theme's screen background reaches every edge.
        let screenPair = useColor ? shim_color_pair(Int32(pairs[.normal] ?? 0)) : 0
        _ = wbkgd(shim_stdscr(), chtype(screenPair) | chtype(32))
        forceNext = true
    }

    func repaintAll() {
        shim_clear_screen()
        forceNext = true
    }

    /// Writes the cells that changed since the last frame, then one doupdate. With `rows`, the caller says no other
    /// row changed: only those are compared (a repaint or a new size still draws everything).
    func draw(_ grid: Grid, rows: Range<Int>? = nil) {
        let force = forceNext || previous?.width != grid.width || previous?.height != grid.height
        if !force && rows == nil && previous == grid { return }
        if force { _ = werase(shim_stdscr()) }
        let win = shim_stdscr()
        let compared = force ? 0..<grid.height : (rows ?? 0..<grid.height).clamped(to: 0..<grid.height)
        for y in compared {
            for x in 0..<grid.width {
                let c = grid[x, y]
                if c.continuation { continue }
                if !force, let p = previous, p[x, y] == c { continue }
                let st = theme.resolve(c)
                var attrs = shim_a_normal()
                if st.bold { attrs |= shim_a_bold() }
                if st.reverse { attrs |= shim_a_reverse() }
                if st.underline { attrs |= shim_a_underline() }
                if st.dim { attrs |= shim_a_dim() }
                _ = shim_put_cell(win, Int32(y), Int32(x), wchar_t(bitPattern: c.char.value), attrs, pairs[c.role] ?? 0)
            }
        }
        previous = grid
        forceNext = false
        _ = wnoutrefresh(win)
        _ = doupdate()
    }

    /// Every key waiting now (non-blocking).
    func readInput() -> [Input] {
        var out: [Input] = []
        while true {
            var ch: wint_t = 0
            let r = wget_wch(shim_stdscr(), &ch)
            if r == ERR { break }
            if r == shim_key_code_yes() {
                if Int32(ch) == shim_key_resize() {
                    out.append(.resize)
                    continue
                }
                if let k = Terminal.functionKey(Int32(ch)) { out.append(.key(k)) }
                continue
            }
            if let k = Terminal.characterKey(UInt32(ch)) { out.append(.key(k)) }
        }
        return out
    }

    static func functionKey(_ c: Int32) -> Key? {
        switch c {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        default: return nil
        }
    }

    static func characterKey(_ c: UInt32) -> Key? {
        switch c {
        case 9: return .tab
        case 10, 13: return .enter
        case 12: return .ctrlL
        case 27: return .esc
        case 8, 127: return .backspace
        default:
            guard c >= 32, let u = Unicode.Scalar(c) else { return nil }
            return .char(Character(u))
        }
    }
}
