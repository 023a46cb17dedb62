// The fleet screen drawn: the matrix at 120x40, at 80x24 (columns shrink, then scroll with ‹ ›), at the smallest
// size; states told apart without colour; the merged log.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct FleetViewTests {
    @Test(arguments: [(120, 40), (80, 24), (50, 12)])
    func theMatrix(width: Int, height: Int) throws {
        var (s, root) = try fleetState(width: width, height: height)
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .char("j"), .char("l"), .char("l"))  // payments, staging
        let grid = Views.render(s)
        let (ok, why) = matchesSnapshot(grid, named: "fleet-\(width)x\(height)")
        #expect(ok, "\(why)")
    }

    @Test func moreEnvironmentsThanFitScrollSidewaysWithAMarker() throws {
        var (s, root) = try fleetState(width: 80, height: 24)
        defer { try? FileManager.default.removeItem(atPath: root) }
        func header() -> String { Views.render(s).lines[1] }
        #expect(header().contains("development") && header().contains("›") && !header().contains("‹"))
        #expect(!header().contains("dr "))
        // Cells shrink to the version's end and the symbols.
        #expect(screenText(s).contains("…0-rc.1 !"))
        _ = press(&s, .char("l"), .char("l"), .char("l"), .char("l"), .char("l"), .char("l"))
        #expect(s.fleet?.column == "dr")
        #expect(header().contains("‹") && header().contains("dr") && !header().contains("›"))
        #expect(!header().contains("development"))
    }

    /// Rows built from one pipeline's snapshot under many names: more than fit.
    func manyPipelines(_ count: Int, height: Int) throws -> (AppState, String) {
        let (base, root) = try fleetState(width: 120, height: height)
        let shop = try #require(base.fleet?.fleet.member(named: "shop"))
        let members = (0..<count).map { i in
            FleetMember(name: String(format: "svc-%03d", i), folder: "svc-\(i)", snapshot: shop.snapshot)
        }
        return (
            AppState(
                fleet: Fleet(name: "big", members: members), now: fleetNow, actor: "a", width: 120, height: height),
            root
        )
    }

    @Test func morePipelinesThanFitScrollDownTheHeaderStaying() throws {
        var (s, root) = try manyPipelines(200, height: 24)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let rows = FleetLayout(state: s).bodyRows
        #expect(rows == 20, "24 rows less title, header, status line and key bar")
        _ = press(&s, .pageDown, .pageDown, .char("j"))
        let lines = Views.render(s).lines
        #expect(lines[1].contains("PIPELINE") && lines[1].contains("development"))
        let cursor = try #require(s.fleet?.selectedMember?.name)
        #expect(lines.contains { $0.contains("▸ " + cursor) }, "the cursor's row shows")
        #expect(lines[1].contains("of 200"))
        _ = press(&s, .end)
        #expect(Views.render(s).lines.contains { $0.contains("▸ svc-199") })
        _ = press(&s, .home)
        #expect(Views.render(s).lines[2].contains("▸ svc-000"))
    }

    @Test func groupsShowUnderTheirNames() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        s.fleet?.fleet.config.groups = [FleetGroup(name: "money", pipelines: ["shop", "payments"])]
        let rows = try #require(s.fleet?.rows(now: s.now))
        #expect(
            rows.map { $0.member?.name ?? "#" + ($0 == .group("money") ? "money" : "other") } == [
                "#money", "payments", "shop", "#other", "legacy", "platform", "search",
            ])
        let text = screenText(s)
        #expect(text.contains("▾ money") && text.contains("▾ other"))
        s.fleet?.row = "shop"
        _ = press(&s, .char("j"))
        #expect(s.fleet?.row == "legacy", "headings are passed over")
        _ = press(&s, .home)
        #expect(s.fleet?.row == "payments")
    }

    /// With NO_COLOR (the monochrome theme) the states of a cell still look different: symbols and bold.
    @Test func statesAreToldApartWithoutColour() throws {
        let (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let theme = try ThemeCatalog.load(environment: ["HOME": "/nonexistent"], localFolder: nil).theme("monochrome")
        let grid = Views.render(s)
        let text = grid.lines.joined(separator: "\n")
        // Ready and blocked promotions, healthy, degraded and down: a symbol each.
        for symbol in ["↑", "⊘", "✓", "!", "✗", "?"] { #expect(text.contains(symbol), "\(symbol)") }
        let (styles, _) = theme.styleMap(grid)
        #expect(styles.count == grid.height)
        // The ready mark is bold, the blocked mark is not: they differ in look as in shape.
        let ready = try #require(firstCell(grid, "↑"))
        let blocked = try #require(firstCell(grid, "⊘"))
        #expect("\(theme.resolve(ready))" != "\(theme.resolve(blocked))")
        let lines = text.split(separator: "\n")
        for count in ["✗ 1 down", "↑ 2 ready", "⊘ 9 blocked"] { #expect(lines[0].contains(count)) }
    }

    func firstCell(_ grid: Grid, _ symbol: Unicode.Scalar) -> Cell? {
        for y in 2..<grid.height {
            for x in 0..<grid.width where grid[x, y].char == symbol { return grid[x, y] }
        }
        return nil
    }

    @Test func theLogMergesEveryPipelineNewestFirstNamingEach() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let line = { (at: String, version: String) in
            "{\"at\":\"\(at)\",\"actor\":\"zoe\",\"action\":\"approve\","
                + "\"version\":\"\(version)\",\"environment\":\"qa\"}\n"
        }
        let payments = root + "/fleet/payments/audit.jsonl"
        let old = try String(contentsOfFile: payments, encoding: .utf8)
        try Files.atomicWrite(old + line("2026-11-21T22:59:00Z", "7.7.7"), to: payments)
        try Files.atomicWrite(line("2026-11-21T22:58:00Z", "8.8.8"), to: root + "/fleet/platform/audit.jsonl")
        let effects = press(&s, .char("L"))
        guard case .readFleetLog(let want)? = effects.first else {
            Issue.record("L reads the logs: \(effects)")
            return
        }
        let page = DashboardLoop.readFleetLog(
            nil, fleet: try #require(s.fleet?.fleet), root: root + "/fleet", want: want, filter: "")
        _ = Update.update(&s, .fleetLogRead(page))
        let entries = try #require(s.fleet?.log?.entries)
        #expect(entries.prefix(2).map(\.pipeline) == ["payments", "platform"])
        #expect(entries.prefix(2).map(\.entry.version) == ["7.7.7", "8.8.8"])
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.entry.at >= $1.entry.at }, "newest first")
        #expect(Set(entries.map(\.pipeline)) == ["payments", "platform", "shop"])
        let text = screenText(s)
        #expect(text.contains("Audit logs of every pipeline"))
        #expect(text.contains("2026-11-21T22:59:00Z  payments  zoe  approve 7.7.7"))
        _ = press(&s, .esc)
        #expect(s.overlays.isEmpty && s.fleet?.log == nil)
    }

    @Test(arguments: [120, 80, 50])
    func aRefusedWatchIsSaidInTheTitleAtAnyWidth(width: Int) throws {
        var (s, root) = try fleetState(width: width, height: 24)
        defer { try? FileManager.default.removeItem(atPath: root) }
        s.watchMode = .partial(unwatched: 12, interval: 2)
        let title = Views.render(s).lines[0]
        #expect(title.contains("inotify limit: 12 folders polled"), "\(title)")
    }
}
