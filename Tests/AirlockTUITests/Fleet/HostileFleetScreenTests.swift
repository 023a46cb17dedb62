// Hostile input on the fleet screen: escape sequences and odd Unicode in pipeline names and versions, hundreds of
// pipelines and dozens of environments, an empty fleet, a terminal below the smallest size, a runaway prompt.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite("Hostile input: fleet screen") struct HostileFleetScreenTests {
    /// A fleet of `names`, each a copy of the demo's `shop` snapshot with its versions replaced by `version`.
    func fleet(_ names: [String], version: String? = nil) throws -> (AppState, String) {
        let (base, root) = try fleetState()
        var shop = try #require(base.fleet?.fleet.member(named: "shop")).snapshot
        if let version { for k in shop.environments.keys { shop.environments[k]?.version = version } }
        let members = names.enumerated().map { FleetMember(name: $1, folder: "p\($0)", snapshot: shop) }
        let fleet = Fleet(name: names.first ?? "", members: members)
        let s = AppState(fleet: fleet, now: fleetNow, actor: "a", width: 120, height: 40)
        return (s, root)
    }

    func controlFree(_ grid: Grid) -> Bool {
        grid.cells.allSatisfy { c in
            let v = c.char.value
            return !(v < 0x20 || v == 0x7f || (0x80...0x9f).contains(v))
        }
    }

    @Test func escapeSequencesInNamesAndVersionsNeverReachTheScreen() throws {
        let evil = ["\u{1b}[31mred\u{1b}[0m", "bell\u{07}", "osc\u{1b}]0;pwned\u{07}", "c1\u{9b}2J", "nul\u{0}x"]
        var (s, root) = try fleet(evil, version: "1.0\u{1b}[2J\u{8}")
        defer { try? FileManager.default.removeItem(atPath: root) }
        for keys in [[], [Key.char("?")], [.esc, .char(":"), .char("r")], [.esc, .char("L")]] {
            _ = press(&s, keys)
            let grid = Views.render(s)
            #expect(controlFree(grid))
        }
    }

    @Test func wideAndCombiningNamesKeepTheColumnsInPlace() throws {
        let names = [
            String(repeating: "支付服务", count: 4), "e\u{301}\u{301}\u{301}", "\u{202e}txet", "zero\u{200b}width",
            "😀😀😀",
        ]
        let (s, root) = try fleet(names, version: "版本-1.2.3-βeta")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let grid = Views.render(s)
        #expect(controlFree(grid))
        // Every pipeline row's first cell starts in the same column, whatever the name's width.
        let starts = (2..<(2 + names.count)).map { y in
            (0..<grid.width).first { x in grid[x, y].char == "β" } ?? -1
        }
        #expect(Set(starts).count == 1, "\(starts)")
    }

    @Test func hundredsOfPipelinesAndDozensOfEnvironmentsStayQuick() throws {
        var (s, root) = try fleet((0..<500).map { "svc-\($0)" })
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Forty environments: the first member's pipeline grows.
        guard var f = s.fleet, var p = f.fleet.members[0].snapshot.pipeline else { return }
        let extra = (0..<40).map { i in
            var e = p.environments[0]
            e.name = "region-\(i)"
            return e
        }
        p.environments += extra
        f.fleet.members[0].snapshot.pipeline = p
        s.fleet = f
        let start = Date()
        _ = press(&s, .end, .char("G"), .pageUp, .char("l"), .char("l"))
        for _ in 0..<40 { _ = press(&s, .char("l")) }
        let grid = Views.render(s)
        let took = Date().timeIntervalSince(start)
        #expect(took < 20, "took \(took) s")
        #expect(grid.lines[1].contains("‹"))
        #expect(grid.lines.contains { $0.contains("▸ svc-") })
        _ = press(&s, .char("s"))
        #expect(s.fleet?.sort == .attention)
    }

    @Test func anEmptyFleetAndATinyTerminalSayWhy() throws {
        var (s, root) = try fleet([])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(screenText(s).contains("no pipeline in this fleet"))
        _ = press(&s, .char("j"), .char("l"), .enter, .char("p"), .char("s"), .char(":"), .tab, .enter)
        #expect(s.onFleetMatrix)
        s.width = 30
        s.height = 8
        #expect(screenText(s).contains("airlock needs at least 50x12"))
    }

    /// Two pipelines with one name (a problem of the fleet): the cursor still reaches both, each opens its own.
    @Test func twoPipelinesWithOneNameAreStillTwoRows() throws {
        var (s, root) = try fleet(["twin", "twin", "zed"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        s.fleet?.fleet.members[1].snapshot.environments["qa"]?.version = "6.6.6"
        _ = press(&s, [.char("j")])
        #expect(s.fleet?.row == "p1")
        _ = press(&s, [.char("j")])
        #expect(s.fleet?.row == "p2", "past both twins")
        _ = press(&s, [.char("k"), .enter])
        #expect(s.snapshot.environments["qa"]?.version == "6.6.6")
        #expect(s.actingFolder == "p1")
        #expect(Views.render(s).lines.count == 40)
    }

    @Test func aRunawayPromptStopsAt64Characters() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .char(":"))
        type(&s, String(repeating: "x", count: 500))
        #expect(s.overlays.last == .jump(String(repeating: "x", count: 64)))
        _ = press(&s, .esc, .char("/"))
        type(&s, String(repeating: "y", count: 500))
        #expect(s.fleet?.filter.count == 64)
    }
}

func press(_ s: inout AppState, _ keys: [Key]) -> [Effect] {
    var effects: [Effect] = []
    for k in keys { effects += Update.update(&s, .key(k)) }
    return effects
}
