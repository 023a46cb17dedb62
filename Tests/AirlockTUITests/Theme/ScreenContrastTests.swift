// The screens as drawn: every cell of the demo's screens, in every bundled theme, meets its role's contrast, and a
// theme's screen background reaches every cell.

import Foundation
import Testing

@testable import AirlockTUI

@Suite struct ScreenContrastTests {
    static let catalog = ThemeCatalog.load(environment: ["HOME": "/nonexistent"], localFolder: nil)

    /// The main screen with a row selected, and two overlays, as a user opens them.
    static func screens() throws -> [(String, Grid)] {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab)
        var out = [("main", Views.render(s))]
        _ = press(&s, .char("j"))
        out.append(("main, next row", Views.render(s)))
        _ = press(&s, .char("?"))
        out.append(("help", Views.render(s)))
        return out
    }

    @Test(arguments: ["default", "light", "high-contrast", "nord", "monochrome"])
    func everyCellOnScreenIsLegible(name: String) throws {
        let theme = try Self.catalog.theme(name)
        var faults: Set<String> = []
        for (screen, grid) in try Self.screens() {
            for y in 0..<grid.height {
                for x in 0..<grid.width where grid[x, y].char != " " && !grid[x, y].continuation {
                    let c = grid[x, y]
                    let (fg, bg) = Contrast.drawn(theme.resolve(c))
                    let ratio = Contrast.ratio(fg, bg)
                    if ratio < Theme.contrastThreshold(c.role) {
                        faults.insert(
                            "\(screen): \(c.role.rawValue) bold=\(c.bold) reverse=\(c.reverse) "
                                + "\(ContrastFinding.format(ratio)):1 (\(fg) on \(bg))")
                    }
                }
            }
        }
        let report = faults.sorted().joined(separator: "\n")
        #expect(faults.isEmpty, "\(name):\n\(report)")
    }

    /// What the light theme looks like, a letter per look: every cell on its white screen (bg=231).
    @Test func styledLightScreen() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab)
        let grid = Views.render(s)
        let (lines, legend) = try Self.catalog.theme("light").styleMap(grid)
        let text =
            grid.lines.joined(separator: "\n") + "\n--- styles ---\n" + lines.joined(separator: "\n")
            + "\n--- legend ---\n" + legend.joined(separator: "\n") + "\n"
        let (ok, why) = matchesText(text, named: "styled-light-120x40")
        #expect(ok, "\(why)")
        #expect(!legend.contains { $0.contains("bg=-1") }, "\(legend)")
    }

    /// The light theme paints its own background: no cell of its screen is left to the terminal's.
    @Test func lightPaintsTheWholeScreen() throws {
        let theme = try Self.catalog.theme("light")
        for (screen, grid) in try Self.screens() {
            var unpainted = 0
            for y in 0..<grid.height {
                for x in 0..<grid.width where theme.resolve(grid[x, y]).bg < 0 { unpainted += 1 }
            }
            #expect(unpainted == 0, "\(screen): \(unpainted) cells on the terminal's background")
        }
    }
}
