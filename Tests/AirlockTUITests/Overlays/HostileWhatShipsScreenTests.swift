// Hostile input in facts and release notes on the dashboard: escape sequences, huge values, 500 releases to ship.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite("Hostile input: facts and what ships on the dashboard") struct HostileWhatShipsScreenTests {
    func controlFree(_ grid: Grid) -> Bool {
        grid.cells.allSatisfy { c in
            let v = c.char.value
            return !(v < 0x20 || v == 0x7f || (0x80...0x9f).contains(v))
        }
    }

    /// The demo at staging with hostile facts on staging and production, and hostile notes on 2.4.1.
    func hostile() throws -> AppState {
        var (s, _) = try demoState()
        let huge = String(repeating: "z", count: 100_000)
        let evil = "\u{1b}]0;pwned\u{07}\u{1b}[2J\u{9b}31mred\r\nnext\u{202e}"
        s.snapshot.pipeline?.environments[2].facts = [
            EnvironmentFact(name: "data\u{1b}[5m", value: evil), EnvironmentFact(name: "big", value: huge),
        ]
        s.snapshot.pipeline?.environments[3].facts = [EnvironmentFact(name: "big", value: huge + "!")]
        s.snapshot.releases["2.4.1"]?.notes = evil + huge
        s.snapshot.releases["2.4.1"]?.createdBy = evil
        s.recompute()
        _ = press(&s, .tab, .tab)
        return s
    }

    @Test func escapeSequencesAndHugeValuesNeverReachTheScreenAndStayInTheirFrame() throws {
        var s = try hostile()
        let started = Date()
        for keys in [[Key.char("d")], [.char("G")], [.esc, .enter], [.esc, .char("p")], [.down, .down]] {
            _ = press(&s, keys)
            let grid = Views.render(s)
            #expect(controlFree(grid), "\(keys)")
            let text = grid.lines.joined(separator: "\n")
            #expect(!text.contains("pwned\u{07}") && !text.contains("\u{202e}"))
        }
        #expect(Date().timeIntervalSince(started) < 60, "no work growing with the list on every key")
        // The drift view marks the huge fact as differing, cut to its column.
        _ = press(&s, .esc, .char("d"))
        let drift = Views.render(s).lines.joined(separator: "\n")
        #expect(drift.contains("≠ fact big") && drift.contains("zzz…"))
    }

    @Test func fiveHundredReleasesToShipScrollToTheEnd() throws {
        var (s, _) = try demoState(width: 80, height: 24)
        for i in 1...500 { s.snapshot.releases["2.4.1-rc.\(i)"] = Release(version: "2.4.1-rc.\(i)") }
        s.recompute()
        _ = press(&s, .tab, .tab, .char("p"))
        var text = Views.render(s).lines.joined(separator: "\n")
        #expect(text.contains("What ships: 501 releases ship from qa (2.4.1) into staging (2.4.0)"))
        let started = Date()
        for _ in 0..<60 { _ = press(&s, .pageDown) }
        text = Views.render(s).lines.joined(separator: "\n")
        #expect(text.contains("2.4.1  by ci  2026-11-19T18:00:00Z"), "the last release, at the end")
        #expect(text.contains("y to confirm, n or Esc to cancel"), "the question stays on screen")
        #expect(Date().timeIntervalSince(started) < 60, "no work growing with the list on every key")
    }
}
