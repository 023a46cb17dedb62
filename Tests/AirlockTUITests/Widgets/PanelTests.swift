// The main screen's environment panels on roomy and small terminals: what they add, in what order they give way.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct PanelTests {
    /// Rows that show nothing: only spaces and box-drawing borders.
    static func blankRows(_ g: Grid) -> [Int] {
        g.lines.enumerated().filter { _, line in
            line.unicodeScalars.allSatisfy { $0 == " " || (0x2500...0x257F).contains($0.value) }
        }.map(\.offset)
    }

    @Test func theDemoAt160x45LeavesAtMostFiveRowsBlank() throws {
        var (s, _) = try demoState(width: 160, height: 45)
        _ = press(&s, .tab, .tab)
        let g = Views.render(s)
        let blank = Self.blankRows(g)
        #expect(blank.count <= 5, "blank rows \(blank) of \(g.height)")
        let text = g.lines.joined(separator: "\n")
        for expected in [
            "! search degraded", "soak 20m done", "≠ flag dark-mode: true, qa: false", "last deploys",
            "2.4.1  bob  1d6h", "2.3.0  alice  9d13h", "2.4.0       ci  7d12h", "Recent activity",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
    }

    /// Today's 80x24 screen: every row of every panel, the whole pending list and two lines of activity, still shown.
    @Test func at80x24NothingIsLost() throws {
        var (s, _) = try demoState(width: 80, height: 24)
        _ = press(&s, .tab, .tab)
        let text = Views.render(s).lines.joined(separator: "\n")
        for expected in [
            "2.5.0-rc.1", "! degraded", "up 1h50m", "checks ✓2 !1", "services 1/3 un…", "up 1d6h", "checks ✓3",
            "up 2d13h", "✓ promotion done", "up 9d13h", "checks ✓4", "production ⚑", "Pending promotions (3)",
            "· development is degraded", "▸ 2.4.1  qa → staging", "· checklist: user-readiness not done",
            "· checklist: rollback-plan not done", "· checklist: monitoring not done",
            "· needs 1 more approval (1/2)", "Recent activity", "1h50m ago development runs 2.5.0-rc.1",
            "3h ago    ci cut release 2.5.0-rc.1",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
    }

    /// The panels grow only into rows the pending list does not need.
    @Test func thePendingListKeepsItsRows() throws {
        for (w, h) in [(120, 40), (160, 45), (120, 30), (100, 22), (80, 24)] {
            var (s, _) = try demoState(width: w, height: h)
            _ = press(&s, .tab, .tab)
            let text = Views.render(s).lines.joined(separator: "\n")
            #expect(text.contains("· needs 1 more approval (1/2)"), "\(w)x\(h)")
            #expect(!text.contains("↓ 1 more"), "\(w)x\(h)")
        }
    }

    /// Too few rows: the last deploys go first, then the differing flags, then the soak, then the services.
    @Test func aShorterPanelDropsTheLeastUsefulFirst() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var f = PanelFacts()
        f.unhealthy = [.init(name: "search", health: .degraded), .init(name: "mail", health: .down)]
        f.next = "qa"
        f.flags = [.init(name: "a", here: "on", next: "off"), .init(name: "b", here: nil, next: "1")]
        f.soak = 1200
        f.soakEnds = now.addingTimeInterval(300)
        f.deploys = (1...3).map { .init(version: "1.\($0)", by: "bob", at: now.addingTimeInterval(-3600 * Double($0))) }
        let extras = PanelExtras(facts: f, now: now)
        func rows(_ n: Int) -> [String] { extras.fitted(width: 30, rows: n).map { $0.spans.map(\.text).joined() } }
        #expect(extras.wanted(width: 30) == 9)
        #expect(rows(9).count == 9)
        #expect(rows(9).last == "  1.3  bob  3h")
        #expect(
            rows(6) == [
                "  ! search degraded", "  ✗ mail down", "soak 5m left of 20m", "≠ flag a: on, qa: off",
                "≠ flag b: unset, qa: 1",
            ])
        #expect(rows(7).suffix(2) == ["last deploys", "  1.1  bob  1h"])
        #expect(rows(4) == ["  ! search degraded", "  ✗ mail down", "soak 5m left of 20m", "≠ 2 more flags differ"])
        #expect(rows(2) == ["  ! search degraded", "  ✗ mail down"])
        #expect(rows(1) == ["  +2 more"])
        #expect(rows(0).isEmpty && rows(-3).isEmpty)
    }

    @Test func soakTimeLeftCountsDownWithoutReadingAgain() throws {
        var (s, _) = try demoState(width: 160, height: 45)
        let deployed = s.now.addingTimeInterval(-5 * 60)
        s.snapshot.environments["qa"]?.deployedAt = deployed
        let digest = s.panels
        #expect(digest["qa"]?.soakEnds == deployed.addingTimeInterval(20 * 60))
        #expect(Views.render(s).lines.joined().contains("soak 15m left of 20m"))
        _ = Update.update(&s, .tick(s.now.addingTimeInterval(10 * 60)))
        #expect(s.panels == digest, "a tick works nothing out again")
        #expect(Views.render(s).lines.joined().contains("soak 5m left of 20m"))
        s.snapshot.environments["qa"]?.deployedAt = nil
        #expect(Views.render(s).lines.joined().contains("soak 20m: no deployed_at"))
    }

    /// The facts come with each read of the root (the loaded message), from the audit window the store read.
    @Test func aNewReadBringsTheNewDeploy() throws {
        var (s, _) = try demoState(width: 160, height: 45)
        var snap = s.snapshot
        let at = s.now.addingTimeInterval(-60)
        snap.audit.append(
            AuditEntry(
                at: at.addingTimeInterval(-60), actor: "dora", action: .promote, version: "2.4.1",
                environment: "staging", from: "qa", previous: "2.4.0"))
        snap.audit.append(
            AuditEntry(
                at: at, actor: "cd", action: .deployed, version: "2.4.1", environment: "staging",
                previous: "2.4.0"))
        _ = Update.update(&s, .loaded(snap, at: at))
        #expect(s.panels["staging"]?.deploys.first == PanelFacts.Deploy(version: "2.4.1", by: "dora", at: at))
        #expect(s.panels["staging"]?.deploys.count == PanelDigest.deploysKept)
        #expect(Views.render(s).lines.joined(separator: "\n").contains("2.4.1  dora  1m"))
    }

    /// CI wrote the status file and no audit line (yet): the panel's first row and its last deploys agree.
    @Test func aDeployOnlyTheStatusFileReportsComesFirst() throws {
        var (s, _) = try demoState(width: 160, height: 45)
        let at = s.now.addingTimeInterval(-120)
        s.snapshot.environments["development"]?.version = "2.5.0-rc.2"
        s.snapshot.environments["development"]?.deployedAt = at
        let deploys = try #require(s.panels["development"]?.deploys)
        #expect(deploys.map(\.version) == ["2.5.0-rc.2", "2.5.0-rc.1", "2.4.1"])
        #expect(deploys.first?.by == "ci" && deploys.first?.at == at)
        // Reported by both: listed once.
        let (t, _) = try demoState(width: 160, height: 45)
        #expect(t.panels["development"]?.deploys.map(\.version) == ["2.5.0-rc.1", "2.4.1", "2.4.0"])
    }

    @Test func lastDeploysCreditWhoAskedElseTheReporter() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        func e(_ min: Double, _ actor: String, _ action: AuditAction, _ v: String, _ env: String) -> AuditEntry {
            AuditEntry(at: t0.addingTimeInterval(min * 60), actor: actor, action: action, version: v, environment: env)
        }
        let audit = [
            e(0, "bob", .promote, "1.0", "qa"), e(1, "ci", .deployed, "1.0", "qa"),
            e(2, "ci", .deployed, "1.1", "qa"), e(3, "eve", .rollback, "1.0", "qa"), e(4, "cd", .deployed, "1.0", "qa"),
            e(5, "ann", .promote, "2.0", "prod"), e(6, "ann", .approve, "3.0", "prod"),
            e(7, "zed", .promote, "9.9", "qa"),
        ]
        let d = PanelDigest.lastDeploys(audit)
        #expect(d["qa"]?.map(\.by) == ["eve", "ci", "bob"])
        #expect(d["qa"]?.map(\.version) == ["1.0", "1.1", "1.0"])
        // No deployed lines: the promotions themselves.
        #expect(d["prod"]?.map(\.version) == ["2.0"])
    }
}
