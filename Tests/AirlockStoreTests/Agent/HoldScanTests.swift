// Holds judged from the audit log: which person's action holds auto-promotion into an environment, which lifts it.
import AirlockCore
import Foundation
import Testing

@testable import AirlockStore

@Suite("Holds on auto-promotion")
struct HoldScanTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func line(
        _ s: TimeInterval, _ actor: String, _ action: AuditAction, _ version: String, _ env: String,
        from: String? = nil
    ) -> AuditEntry {
        AuditEntry(at: t0 + s, actor: actor, action: action, version: version, environment: env, from: from)
    }

    /// The line the log (oldest first) calls for on qa, with `now` as the candidate when the log does not say.
    func judged(_ oldestFirst: [AuditEntry], candidateNow: String? = nil) -> (AuditEntry?, AutoPromoteHold?) {
        var scan = HoldScan(environment: "qa", agent: "airlock-agent")
        for e in oldestFirst.reversed() where !scan.take(e) { break }
        return (scan.line(candidateNow: candidateNow, now: t0 + 1000), scan.hold)
    }

    @Test func promotingAnOlderVersionThanTheCandidateThenHolds() {
        let (l, hold) = judged([
            line(1, "ci", .deployed, "2.0.0", "development"),
            line(2, "dave", .promote, "1.5.0", "qa", from: "development"),
        ])
        #expect(hold == nil)
        #expect(l?.action == .hold)
        #expect(l?.actor == "dave")
        #expect(l?.reason == "promoted 1.5.0, not the newest candidate 2.0.0")
        // Judged by what development ran then, not now: a later deploy there changes nothing.
        let (later, _) = judged(
            [
                line(1, "ci", .deployed, "1.5.0", "development"),
                line(2, "dave", .promote, "1.5.0", "qa", from: "development"),
                line(3, "ci", .deployed, "3.0.0", "development"),
            ], candidateNow: "3.0.0")
        #expect(later == nil)
    }

    @Test func promotingTheNewestCandidateIntoAHeldEnvironmentResumes() {
        let (l, hold) = judged([
            line(1, "bob", .rollback, "1.0.0", "qa"),
            line(2, "bob", .hold, "1.0.0", "qa"),
            line(3, "ci", .deployed, "2.0.0", "development"),
            line(4, "dave", .promote, "2.0.0", "qa", from: "development"),
        ])
        #expect(hold?.by == "bob")
        #expect(l?.action == .resume)
        #expect(l?.actor == "dave")
    }

    @Test func theAgentsOwnPromotionAndAJudgedActionCallForNothing() {
        #expect(judged([line(1, "airlock-agent", .promote, "2.0.0", "qa", from: "development")]).0 == nil)
        #expect(judged([line(1, "bob", .rollback, "1.0.0", "qa"), line(2, "bob", .hold, "1.0.0", "qa")]).0 == nil)
        #expect(judged([line(1, "bob", .rollback, "1.0.0", "qa")]).0?.reason == "rolled back to 1.0.0")
    }
}
