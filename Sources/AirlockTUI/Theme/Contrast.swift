// Contrast: WCAG 2 relative luminance and contrast ratio of two colors, and the colors a styled cell is drawn in.

import Foundation

/// A color as the terminal shows it.
public struct RGB: Equatable, Sendable, CustomStringConvertible {
    public var r: Double
    public var g: Double
    public var b: Double

    public init(_ r: Double, _ g: Double, _ b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }

    init(_ c: (Int, Int, Int)) { self.init(Double(c.0), Double(c.1), Double(c.2)) }

    public var description: String {
        let hex = [r, g, b].map { v -> String in
            let s = String(Int(v.rounded()).clamped(0, 255), radix: 16)
            return s.count < 2 ? "0" + s : s
        }
        return "#" + hex.joined()
    }
}

extension Int {
    fileprivate func clamped(_ low: Int, _ high: Int) -> Int { Swift.min(Swift.max(self, low), high) }
}

/// WCAG 2 contrast, and how xterm (in its default settings) draws a style.
public enum Contrast {
    /// The terminal's own colors, for a theme that leaves them unset: assumed dark, a black background and
    /// white-ish text (xterm's color 7). A theme that wants anything else sets `normal`'s fg and bg.
    public static let terminalForeground = RGB(229, 229, 229)
    public static let terminalBackground = RGB(0, 0, 0)

    /// The relative luminance of a color (0 black ... 1 white).
    public static func luminance(_ c: RGB) -> Double {
        func channel(_ v: Double) -> Double {
            let s = Swift.min(Swift.max(v, 0), 255) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }

    /// The contrast ratio of two colors, from 1 (the same) to 21 (black on white), whichever is lighter.
    public static func ratio(_ a: RGB, _ b: RGB) -> Double {
        let la = luminance(a)
        let lb = luminance(b)
        return (Swift.max(la, lb) + 0.05) / (Swift.min(la, lb) + 0.05)
    }

    /// The text and background colors of a cell drawn in `st`: xterm-256 colors (the default 16 for 0-15), bold
    /// showing colors 0-7 as their bright 8-15 (xterm's default boldColors), then reverse swapping the two, then dim
    /// drawing the text halfway to the background (xterm's faint).
    public static func drawn(_ st: Style) -> (fg: RGB, bg: RGB) {
        var fgIndex = st.fg
        if st.bold && (0...7).contains(fgIndex) { fgIndex += 8 }
        var fg = fgIndex < 0 ? terminalForeground : RGB(Palette.rgb(Swift.min(fgIndex, 255)))
        var bg = st.bg < 0 ? terminalBackground : RGB(Palette.rgb(Swift.min(st.bg, 255)))
        if st.reverse { swap(&fg, &bg) }
        if st.dim { fg = RGB((fg.r + bg.r) / 2, (fg.g + bg.g) / 2, (fg.b + bg.b) / 2) }
        return (fg, bg)
    }
}
