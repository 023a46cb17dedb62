import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct ViewTests {
    @Test(arguments: [(160, 45), (120, 40), (80, 24)])
    func mainScreen(width: Int, height: Int) throws {
        var (s, _) = try demoState(width: width, height: height)
        _ = press(&s, .tab, .tab)
        let g = Views.render(s)
        let (ok, why) = matchesSnapshot(g, named: "main-\(width)x\(height)")
        #expect(ok, "\(why)")
        let text = g.lines.joined(separator: "\n")
        #expect(text.contains("2.4.1  qa → staging"))
        #expect(text.contains("READY"))
        #expect(text.contains("needs 1 more approval (1/2)"))
        #expect(text.contains("? help") && text.contains("q quit"))
    }

    /// What a person sees in color (the default theme) and with NO_COLOR (monochrome): a letter per look.
    @Test(arguments: ["default", "monochrome"])
    func styledScreens(theme name: String) throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab)
        let theme = try ThemeCatalog.load(environment: ["HOME": "/nonexistent"], localFolder: nil).theme(name)
        let grid = Views.render(s)
        let (lines, legend) = theme.styleMap(grid)
        let text =
            grid.lines.joined(separator: "\n") + "\n--- styles ---\n" + lines.joined(separator: "\n")
            + "\n--- legend ---\n"
            + legend.joined(separator: "\n") + "\n"
        let (ok, why) = matchesText(text, named: "styled-\(name)-120x40")
        #expect(ok, "\(why)")
        // Without color as with it, the states that share a place on screen look different from each other.
        for needles in [["READY", "BLOCKED"], ["! degraded", "✓ healthy"]] {
            let looks = needles.compactMap { cell(in: grid, startingWith: $0) }.map { "\(theme.resolve($0))" }
            #expect(looks.count == needles.count)
            #expect(Set(looks).count == needles.count, "\(name): \(needles) look alike: \(looks)")
        }
    }

    /// The first cell of the first place `needle` appears on screen.
    func cell(in grid: Grid, startingWith needle: String) -> Cell? {
        let wanted = Array(needle.unicodeScalars)
        for y in 0..<grid.height {
            let row = (0..<grid.width).map { grid[$0, y] }.filter { !$0.continuation }
            for x in 0..<row.count where x + wanted.count <= row.count {
                if (0..<wanted.count).allSatisfy({ row[x + $0].char == wanted[$0] }) { return row[x] }
            }
        }
        return nil
    }

    @Test func overlays() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab, .tab, .char("c"))
        var (ok, why) = matchesSnapshot(Views.render(s), named: "checklist-120x40")
        #expect(ok, "\(why)")
        _ = press(&s, .esc, .char("?"))
        (ok, why) = matchesSnapshot(Views.render(s), named: "help-120x40")
        #expect(ok, "\(why)")
        _ = press(&s, .esc, .char("h"), .char("d"))
        (ok, why) = matchesSnapshot(Views.render(s), named: "drift-120x40")
        #expect(ok, "\(why)")
        let drift = Views.render(s).lines.joined(separator: "\n")
        #expect(drift.contains("≠ flag new-checkout") && drift.contains("≠ config db_pool"))
    }

    @Test func aBrokenFileShowsItsProblemAndLastGoodStateMarkedStale() throws {
        let (_, root) = try demoState()
        let loader = RootLoader(root: root)
        _ = loader.load()
        try Files.atomicWrite("version: 2.4.1\nhealth: great\n", to: root + "/environments/qa.yaml")
        let snap = loader.load(changed: ["environments/qa.yaml"])
        let s = AppState(snapshot: snap, now: Date(), actor: "alice", width: 120, height: 40)
        let text = Views.render(s).lines.joined(separator: "\n")
        #expect(text.contains("◷ STALE · file broken"))
        #expect(text.contains("⚠ line 2: health: expecte"))
        #expect(text.contains("environments/qa.yaml:2: health: expected one of healthy, degraded, down, unknown"))
        #expect(s.pending.first { $0.from == "qa" }?.blockers.map(\.code) == ["stale:qa"])
        #expect(text.contains("qa is stale: its status file is broken"))
    }

    @Test func aRootWithoutPipelineStillRenders() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-empty-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var s = AppState(snapshot: RootLoader(root: dir).load(), now: Date(), actor: "a", width: 80, height: 24)
        for key: Key in [
            .tab, .down, .char("p"), .char("a"), .char("c"), .char("r"), .enter, .char("d"), .char("L"), .esc,
        ] { _ = press(&s, key) }
        let text = Views.render(s).lines.joined(separator: "\n")
        #expect(text.contains("airlock · no pipeline"))
        #expect(text.contains("airlock.yaml: missing: the status root needs an airlock.yaml"))
    }

    @Test func freezesShowWhenActiveOrWithinAWeek() throws {
        var (s, _) = try demoState()
        let start = TimeFormat.parseTimestamp("2026-12-24T00:00:00Z")!
        s.now = start.addingTimeInterval(-3 * 86400)
        var text = Views.render(s).lines.joined(separator: "\n")
        #expect(text.contains("❄ holiday freeze in 3d"))
        s.now = start.addingTimeInterval(3600)
        _ = Update.update(&s, .tick(s.now))
        text = Views.render(s).lines.joined(separator: "\n")
        #expect(text.contains("❄ frozen till Dec 27 00:00"))
        #expect(text.contains("frozen: holiday freeze, until Dec 27 00:00 UTC"))
        s.now = start.addingTimeInterval(-30 * 86400)
        #expect(!Views.render(s).lines.joined().contains("❄"))
    }

    @Test func detailsTellTheWholeStoryOfAnEnvironment() throws {
        let (s, _) = try demoState()
        let text = Views.detailLines(s, "staging").map(\.0).joined(separator: "\n")
        for expected in [
            "version 2.4.0  ·  ✓ healthy  ·  schema 44", "last request: promotion of 2.4.0 from qa by bob",
            "Release 2.4.0", "New payment gateway", "Waiting to enter: 2.4.1 from qa — READY",
            "passing  http — p99 190ms", "✓ web 2.4.0", "new-checkout = true", "db_pool = 20",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
    }

    @Test func tooSmallSaysSo() throws {
        let (s, _) = try demoState(width: 40, height: 10)
        let text = Views.render(s).lines.joined(separator: "\n")
        #expect(text.contains("airlock needs at least 50x12"))
        #expect(text.contains("40x10"))
    }

    @Test func sixteenEnvironmentsUseACompactTable() throws {
        var envs: [EnvironmentConfig] = []
        var snap = Snapshot()
        for i in 0..<16 {
            envs.append(EnvironmentConfig(name: "env-\(i)", staleAfter: 86400))
            snap.environments["env-\(i)"] = EnvironmentStatus(
                version: "1.\(16 - i).0", updatedAt: Date(), health: .healthy)
        }
        snap.pipeline = Pipeline(name: "wide", environments: envs)
        var s = AppState(snapshot: snap, now: Date(), actor: "a", width: 120, height: 40)
        for _ in 0..<12 { _ = press(&s, .tab) }
        let text = Views.render(s).lines.joined(separator: "\n")
        #expect(text.contains("▸ env-12"), "the selection stays visible")
        #expect(text.contains("more"), "says that more rows exist")
        #expect(s.pending.count == 15)
    }

    @Test func pendingScrollsByWholePromotions() throws {
        let (base, _) = try demoState(width: 80, height: 24)
        var snap = base.snapshot
        var envs: [EnvironmentConfig] = []
        for i in 0..<12 {
            envs.append(EnvironmentConfig(name: "e\(i)", staleAfter: 86400, gates: ["monitoring", "rollback-plan"]))
            snap.environments["e\(i)"] = EnvironmentStatus(
                version: "1.\(12 - i).0", updatedAt: Date(), health: .healthy)
            snap.releases["1.\(12 - i).0"] = Release(version: "1.\(12 - i).0")
        }
        snap.pipeline = Pipeline(name: "scroll", environments: envs)
        var s = AppState(snapshot: snap, now: Date(), actor: "a", width: 80, height: 24)
        for _ in 0..<9 { _ = press(&s, .down) }
        let lines = Views.render(s).lines
        let header = try #require(lines.firstIndex { $0.hasPrefix(" Pending promotions") })
        #expect(
            !lines[header + 1].hasPrefix("     ·"),
            "the list starts with a promotion, not a blocker of one cut off: \(lines[header + 1])")
        let sel = try #require(lines.firstIndex { $0.hasPrefix(" ▸") && $0.contains("→ \(s.selected ?? "")") })
        #expect(
            lines[sel + 1].contains("checklist: monitoring not done")
                && lines[sel + 2].contains("checklist: rollback-plan not done"))
        #expect(lines[header].contains("more"), "says that promotions are hidden above")
    }

    @Test func textFromFilesNeverReachesTheScreenAsControls() {
        var g = Grid(width: 40, height: 2)
        g.text(0, 0, "ok\u{1B}[31mred\u{07}\u{9B}2J\ttab\u{202E}rtl")
        let line = g.lines[0]
        #expect(
            !line.unicodeScalars.contains {
                $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) || $0.value == 0x202E
            })
        #expect(line.hasPrefix("ok[31mred2J tabrtl"))
    }

    @Test func wideCharactersTakeTwoCells() {
        var g = Grid(width: 10, height: 1)
        let end = g.text(0, 0, "日本x")
        #expect(end == 5)
        #expect(g.lines[0] == "日本x     ")
    }

    @Test func monochromeTellsEveryStateApart() throws {
        // Each state has its own word or symbol on screen, and its own attributes in monochrome.
        let mono = Theme.monochrome
        let states: [Role] = [.healthy, .degraded, .down, .stale, .ready, .blocked, .inProgress, .error]
        // The words the screen uses, so two states given the same word fail here.
        let words =
            [Health.healthy, .degraded, .down].map(Symbols.health) + ["STALE"]
            + [PendingState.ready, .blocked, .inProgress].map(Symbols.stateWord)
        let (s, _) = try demoState()
        let text = Views.render(s).lines.joined(separator: "\n")
        for w in ["✓ healthy", "! degraded", "BLOCKED", "READY"] { #expect(text.contains(w)) }
        #expect(Set(words).count == words.count)
        let emphasized = states.filter {
            let st = mono.style($0)
            return st.bold || st.reverse || st.underline
        }
        #expect(emphasized.count == states.count - 1, "all but healthy stand out without color")
    }
}
