// Contrast: every bundled theme meets WCAG AA for every role on the background it is drawn on; the model's parts.

import Foundation
import Testing

@testable import AirlockTUI

@Suite struct ContrastTests {
    static let catalog = ThemeCatalog.load(environment: ["HOME": "/nonexistent"], localFolder: nil)

    @Test(arguments: ["default", "light", "high-contrast", "nord", "monochrome"])
    func bundledThemeMeetsAA(name: String) throws {
        let theme = try Self.catalog.theme(name)
        let failures = theme.contrastFailures()
        let report = failures.map { "  " + $0.description }.joined(separator: "\n")
        #expect(failures.isEmpty, "\(name):\n\(report)")
        // Every role is looked at, and every way it is drawn.
        #expect(Set(theme.contrastFindings().map(\.role)) == Set(Role.allCases))
    }

    @Test func wcagRatioOfKnownPairs() {
        #expect(abs(Contrast.ratio(RGB(0, 0, 0), RGB(255, 255, 255)) - 21) < 0.001)
        #expect(Contrast.ratio(RGB(10, 20, 30), RGB(10, 20, 30)) == 1)
        // #777777 on white is the textbook just-below-AA grey: 4.48:1.
        #expect(abs(Contrast.ratio(RGB(0x77, 0x77, 0x77), RGB(255, 255, 255)) - 4.48) < 0.01)
    }

    @Test func boldShowsLowColorsBrightAndReverseSwaps() {
        // Bold black is xterm's bright black, grey 127: the default title's fault on cyan (about 2:1).
        let boldBlack = Contrast.drawn(Style(fg: 0, bg: 6, bold: true))
        #expect(boldBlack.fg == RGB(127, 127, 127))
        #expect(Contrast.ratio(boldBlack.fg, boldBlack.bg) < 2.1)
        // Color 16 is the cube's black: bold leaves it black.
        #expect(Contrast.drawn(Style(fg: 16, bg: 6, bold: true)).fg == RGB(0, 0, 0))
        let reversed = Contrast.drawn(Style(fg: 2, bg: -1, reverse: true))
        #expect(reversed.fg == Contrast.terminalBackground && reversed.bg == RGB(0, 205, 0))
        #expect(Contrast.drawn(Style(dim: true)).fg == RGB(114.5, 114.5, 114.5))
    }

    @Test func cubeGreyRampAndHexResolve() throws {
        #expect(RGB(Palette.rgb(196)) == RGB(255, 0, 0))
        #expect(RGB(Palette.rgb(110)) == RGB(135, 175, 215))
        #expect(RGB(Palette.rgb(244)) == RGB(128, 128, 128))
        let t = try Theme.parse("name: x\nroles:\n  normal: {fg: \"#ffffff\", bg: \"#000000\"}\n", path: "x.yaml")
        #expect(Contrast.ratio(Contrast.drawn(t.style(.normal)).fg, Contrast.drawn(t.style(.normal)).bg) > 20)
    }

    /// The faults of the issue, found in themes as they were: each failing role named with its ratio.
    @Test func findsTheOldFaults() throws {
        let old = try Theme.parse(
            """
            name: old
            roles:
              title: {fg: black, bg: cyan, bold: true}
              blocked: {fg: red}
              normal: {fg: black}
            """, path: "old.yaml")
        let text = old.contrastFailures().map(\.description)
        #expect(text.contains { $0.hasPrefix("title: 2.02:1, needs 4.5:1 (#7f7f7f on #00cdcd)") }, "\(text)")
        #expect(text.contains { $0.hasPrefix("blocked: 3.59:1, needs 4.5:1") }, "\(text)")
        #expect(text.contains { $0.hasPrefix("normal: 1.00:1") }, "\(text)")
    }

    /// The screen background: roles without colors take normal's, blank cells are normal's, and a selected row's
    /// cells still reverse where their role has no background of its own.
    @Test func screenBackgroundReachesEveryRole() throws {
        let light = try Self.catalog.theme("light")
        #expect(light.style(.normal).bg == 231)
        #expect(light.style(.healthy).bg == 231)
        #expect(light.resolve(Cell.blank).bg == 231)
        let selected = Cell(char: "x", role: .healthy, bold: false, reverse: true, continuation: false)
        #expect(light.resolve(selected).reverse)
        let t = try Theme.parse("name: x\nroles:\n  normal: {fg: 235, bg: 231}\n  dim: {}\n", path: "x.yaml")
        #expect(t.style(.dim).fg == 235 && t.style(.dim).bg == 231)
    }

    @Test func thresholds() {
        #expect(Theme.contrastThreshold(.border) == 3 && Theme.contrastThreshold(.dim) == 3)
        #expect(Theme.contrastThreshold(.unknown) == 3 && Theme.contrastThreshold(.borderFocus) == 3)
        #expect(Theme.contrastThreshold(.normal) == 4.5 && Theme.contrastThreshold(.blocked) == 4.5)
        #expect(ContrastFinding.format(4.4999) == "4.49")
    }
}
