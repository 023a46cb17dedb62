// The delivery-metrics view (`I`): opened with a read off the main loop, the same figures as `airlock stats`.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct StatsViewTests {
    /// The demo's figures as the runtime reads them for the view (30 days up to the state's now).
    func figures(_ s: AppState, root: String) throws -> DeliveryStats {
        let period = DeliveryPeriod(since: s.now.addingTimeInterval(-30 * 86400), now: s.now)
        return try AuditDelivery.stats(root: root, snapshot: s.snapshot, period: period).get()
    }

    @Test func iOpensTheViewAndAsksForTheFiguresOffTheMainLoop() throws {
        var (s, _) = try demoState()
        let effects = press(&s, .char("I"))
        #expect(s.overlays == [.stats(scroll: 0)])
        #expect(s.statsPage == .reading)
        #expect(effects == [.readStats(since: s.now.addingTimeInterval(-30 * 86400), now: s.now)])
        #expect(Views.render(s).lines.joined(separator: "\n").contains("reading the audit log…"))
        // I again (or Esc) closes it and drops the figures; figures arriving later are ignored.
        _ = press(&s, .char("I"))
        #expect(s.overlays.isEmpty && s.statsPage == nil)
        _ = Update.update(&s, .statsRead(.failed("late")))
        #expect(s.statsPage == nil)
    }

    @Test func theViewShowsTheFiguresAirlockStatsPrints() throws {
        var (s, root) = try demoState()
        _ = press(&s, .char("I"))
        let stats = try figures(s, root: root)
        _ = Update.update(&s, .statsRead(.ready(stats, pipeline: "shop")))
        let lines = StatsOverlay.lines(s.statsPage).map(\.text)
        for e in stats.environments {
            #expect(lines.contains(e.name))
            for row in DeliveryText.rows(e, period: stats.period) {
                #expect(lines.contains { $0.contains(row.label) && $0.contains(row.figure) }, "\(row.figure)")
            }
        }
        let production = try #require(stats.environments.last)
        #expect(production.deployments == 3)
        // The demo's last 30 days hold a rollback: the view shows a change failure and both restores.
        #expect(lines.contains { $0.contains("33% (1 rollback / 3 deployments)") }, "\(lines)")
        #expect(production.restoreRollback.median == 16 * 60 && production.restoreHealth.median == 50 * 60)
        #expect(production.waits?.blocked.map(\.kind) == ["approvals", "gate", "unhealthy"])
        // On screen: the frame, the title, production's change failure row and a sparkline.
        let text = Views.render(s).lines.joined(separator: "\n")
        #expect(text.contains("Delivery metrics — last 30 days"))
        #expect(text.contains("development"))
        #expect(text.contains { "▁▂▃▄▅▆▇█".contains($0) })
    }

    @Test func theViewScrollsWithinItsLines() throws {
        var (s, root) = try demoState(width: 80, height: 24)
        _ = press(&s, .char("I"))
        _ = Update.update(&s, .statsRead(.ready(try figures(s, root: root), pipeline: "shop")))
        _ = press(&s, .pageDown)
        guard case .stats(let down)? = s.overlays.last else {
            Issue.record("the view closed")
            return
        }
        #expect(down > 0)
        _ = press(&s, .end)
        guard case .stats(let bottom)? = s.overlays.last else { return }
        #expect(bottom < StatsOverlay.lines(s.statsPage).count)
        #expect(Views.render(s).lines.joined(separator: "\n").contains("audit lines read"))
        _ = press(&s, .esc)
        #expect(s.overlays.isEmpty && s.statsPage == nil)
    }

    @Test func anUnreadableLogSaysSo() throws {
        var (s, _) = try demoState()
        _ = press(&s, .char("I"))
        _ = Update.update(&s, .statsRead(.failed("audit.jsonl: not a regular file")))
        #expect(Views.render(s).lines.joined(separator: "\n").contains("audit.jsonl: not a regular file"))
    }
}
