// Health from the health key or the checks, and staleness.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct HealthTests {
    @Test func healthKeyWins() {
        var s = EnvironmentStatus(health: .down)
        s.checks = [Check(name: "a", status: .passing)]
        #expect(Rules.health(of: s) == .down)
    }

    @Test func healthFromChecks() {
        func h(_ statuses: [CheckStatus]) -> Health {
            Rules.health(
                of: EnvironmentStatus(
                    checks: statuses.enumerated().map { Check(name: "c\($0.offset)", status: $0.element) }))
        }
        #expect(h([]) == .unknown)
        #expect(h([.passing, .passing]) == .healthy)
        #expect(h([.failing, .failing]) == .down)
        #expect(h([.passing, .warning]) == .degraded)
        #expect(h([.passing, .failing]) == .degraded)
        #expect(h([.unknown, .warning]) == .degraded)
        #expect(h([.passing, .unknown]) == .unknown)
        #expect(Rules.health(of: nil) == .unknown)
    }

    @Test func staleness() {
        let cfg = EnvironmentConfig(name: "qa", staleAfter: 300)
        #expect(!Rules.isStale(status("1", updated: t0), config: cfg, now: t0.addingTimeInterval(300)))
        #expect(Rules.isStale(status("1", updated: t0), config: cfg, now: t0.addingTimeInterval(301)))
    }
}
