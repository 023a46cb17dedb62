// The wait's verdicts and the changes it tells, look by look, with the time given by the test.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct WaitJudgeTests {
    let promo = WaitRequest(version: "1.1.0", kind: .promotion, by: "alice", at: t0, from: "staging")

    func look(
        _ version: String?, _ health: Health = .healthy, updated: Date? = t0, file: WaitObservation.File = .present,
        request: WaitRequest? = nil, note: String? = nil
    ) -> WaitObservation {
        WaitObservation(
            file: file, version: version, health: health, updatedAt: updated, staleAfter: 300, note: note,
            request: request)
    }

    func judge(healthy: Bool = false, failAfter: TimeInterval = 120, timeout: TimeInterval? = 1800) -> WaitJudge {
        WaitJudge(
            environment: "production", version: "1.1.0", healthy: healthy, failAfter: failAfter, timeout: timeout,
            start: t0)
    }

    @Test func arrivesWhenTheEnvironmentRunsTheVersion() {
        var j = judge()
        let first = j.observe(look("1.0.0", request: promo), now: t0)
        #expect(first.verdict == nil)
        #expect(first.events == [.started(look("1.0.0", request: promo), stale: false)])
        let second = j.observe(look("1.1.0", .down, request: promo), now: t0 + 5)
        #expect(second.events == [.version(from: "1.0.0", to: "1.1.0"), .health(from: .healthy, to: .down, note: nil)])
        // Without --healthy, running it is enough, whatever its health.
        #expect(second.verdict == .arrived(healthy: false))
        #expect(second.verdict?.exitCode == 0)
    }

    @Test func alreadyRunningItAtTheStartArrivesAtOnce() {
        var j = judge(healthy: true)
        #expect(j.observe(look("1.1.0"), now: t0 + 1).verdict == .arrived(healthy: true))
    }

    @Test func withHealthyItWaitsForHealthyAndFresh() {
        var j = judge(healthy: true)
        #expect(j.observe(look("1.1.0", .degraded), now: t0).verdict == nil)
        // Healthy but its heartbeat is older than stale_after: not yet.
        let stale = j.observe(look("1.1.0", .healthy), now: t0 + 301)
        #expect(stale.verdict == nil)
        #expect(stale.events == [.health(from: .degraded, to: .healthy, note: nil), .stale(since: t0)])
        let fresh = j.observe(look("1.1.0", .healthy, updated: t0 + 302), now: t0 + 302)
        #expect(fresh.events == [.fresh])
        #expect(fresh.verdict == .arrived(healthy: true))
    }

    @Test func aBrokenFileIsStaleAndNeverArrivesHealthy() {
        var j = judge(healthy: true)
        let broken = look("1.1.0", .healthy, file: .broken("environments/production.yaml:2: bad"))
        let r = j.observe(broken, now: t0)
        #expect(r.verdict == nil)
        #expect(WaitText.waitingFor(j, now: t0).contains("readable again"))
        let back = j.observe(look("1.1.0"), now: t0 + 1)
        #expect(back.events == [.fileBack])
        #expect(back.verdict == .arrived(healthy: true))
    }

    @Test func aMissingOrBrokenFileMeanwhileIsToldAndTheWaitGoesOn() {
        var j = judge()
        _ = j.observe(look("1.0.0", request: promo), now: t0)
        let gone = j.observe(look(nil, .unknown, updated: nil, file: .missing, request: promo), now: t0 + 1)
        #expect(gone.events == [.fileProblem(.missing), .health(from: .healthy, to: .unknown, note: nil)])
        #expect(gone.verdict == nil)
        let broken = j.observe(look("1.0.0", file: .broken("x: bad"), request: promo), now: t0 + 2)
        #expect(broken.events.first == .fileProblem(.broken("x: bad")))
        #expect(broken.verdict == nil)
    }

    @Test func aReplacedRequestEndsTheWaitAtOnce() {
        var j = judge()
        _ = j.observe(look("1.0.0", request: promo), now: t0)
        let other = WaitRequest(version: "1.2.0", kind: .promotion, by: "bob", at: t0 + 3, from: "staging")
        let r = j.observe(look("1.0.0", request: other), now: t0 + 3)
        #expect(r.events == [.requested(other)])
        #expect(r.verdict == .replaced(other))
        #expect(r.verdict?.exitCode == 1)
        #expect(WaitText.verdict(r.verdict ?? .timedOut(after: 0), judge: j, now: t0 + 3).contains("will not arrive"))
    }

    @Test func aRollbackReplacingTheRequestEndsTheWait() {
        var j = judge()
        _ = j.observe(look("1.0.0", request: promo), now: t0)
        let back = WaitRequest(version: "1.0.0", kind: .rollback, by: "bob", at: t0 + 3)
        #expect(j.observe(look("1.0.0", request: back), now: t0 + 3).verdict == .replaced(back))
    }

    @Test func aNewRequestForTheSameVersionOrAWithdrawnOneIsNoVerdict() {
        var j = judge()
        _ = j.observe(look("1.0.0", request: promo), now: t0)
        var again = promo
        again.at = t0 + 10
        let r = j.observe(look("1.0.0", request: again), now: t0 + 10)
        #expect(r.events == [.requested(again)])
        #expect(r.verdict == nil)
        let withdrawn = j.observe(look("1.0.0"), now: t0 + 11)
        #expect(withdrawn.events == [.requestWithdrawn(again)])
        #expect(withdrawn.verdict == nil)
    }

    @Test func aRequestForAnotherVersionUnderWayAtTheStartEndsTheWait() {
        let other = WaitRequest(version: "1.2.0", kind: .promotion, by: "bob", at: t0, from: "staging")
        var j = judge()
        #expect(j.observe(look("1.0.0", request: other), now: t0).verdict == .otherRequest(other))
        // One that is done (the environment runs it) is history: CD may still deploy directly.
        var k = judge()
        #expect(k.observe(look("1.2.0", request: other), now: t0).verdict == nil)
        // No request at all: keep waiting.
        var n = judge()
        #expect(n.observe(look("1.0.0"), now: t0).verdict == nil)
    }

    @Test func movingAwayAfterRunningTheVersionEndsTheWait() {
        var j = judge(healthy: true)
        _ = j.observe(look("1.1.0", .degraded), now: t0)
        let r = j.observe(look("1.0.0", .degraded), now: t0 + 1)
        #expect(r.verdict == .movedAway(to: "1.0.0"))
        // Losing the file is not moving away.
        var k = judge(healthy: true)
        _ = k.observe(look("1.1.0", .degraded), now: t0)
        #expect(k.observe(look(nil, .unknown, file: .missing), now: t0 + 1).verdict == nil)
    }

    @Test func downLongerThanFailAfterFails() {
        var j = judge(healthy: true, failAfter: 120)
        #expect(j.observe(look("1.1.0", .down), now: t0).verdict == nil)
        #expect(j.nextDeadline(after: t0) == t0 + 120)
        #expect(j.observe(look("1.1.0", .down), now: t0 + 119).verdict == nil)
        let r = j.observe(look("1.1.0", .down, note: "http failing: 502"), now: t0 + 120)
        #expect(r.verdict == .down(since: t0, failAfter: 120))
        let text = WaitText.verdict(r.verdict ?? .arrived(healthy: true), judge: j, now: t0 + 120)
        #expect(
            text == "production runs 1.1.0 but has been down for 2m (since 2026-11-18T11:06:40Z, --fail-after 2m)"
                + ": http failing: 502")
    }

    @Test func aBlipShorterThanFailAfterIsNoFailureAndTheClockStartsAgain() {
        var j = judge(healthy: true, failAfter: 120)
        _ = j.observe(look("1.1.0", .down), now: t0)
        _ = j.observe(look("1.1.0", .degraded), now: t0 + 100)
        #expect(j.downSince == nil)
        #expect(j.observe(look("1.1.0", .down), now: t0 + 110).verdict == nil)
        #expect(j.observe(look("1.1.0", .down), now: t0 + 200).verdict == nil)
        #expect(j.observe(look("1.1.0", .down), now: t0 + 230).verdict == .down(since: t0 + 110, failAfter: 120))
    }

    @Test func degradedIsNotDownAndDownWithoutHealthyIsNoFailure() {
        var j = judge(healthy: true, failAfter: 10)
        _ = j.observe(look("1.1.0", .degraded), now: t0)
        #expect(j.observe(look("1.1.0", .degraded), now: t0 + 100).verdict == nil)
        // Down on another version does not count either.
        var k = judge(healthy: true, failAfter: 10)
        _ = k.observe(look("1.0.0", .down), now: t0)
        #expect(k.observe(look("1.0.0", .down), now: t0 + 100).verdict == nil)
    }

    @Test func failAfterZeroFailsAtTheFirstDownLook() {
        var j = judge(healthy: true, failAfter: 0)
        #expect(j.observe(look("1.1.0", .down), now: t0).verdict == .down(since: t0, failAfter: 0))
    }

    @Test func theTimeoutFiresAtItsDeadlineAndSaysWhatItWaitsFor() {
        var j = judge(timeout: 30)
        _ = j.observe(look("1.0.0", request: promo), now: t0)
        #expect(j.nextDeadline(after: t0) == t0 + 30)
        #expect(j.observe(look("1.0.0", request: promo), now: t0 + 29.9).verdict == nil)
        let r = j.observe(look("1.0.0", request: promo), now: t0 + 30)
        #expect(r.verdict == .timedOut(after: 30))
        #expect(r.verdict?.exitCode == 124)
        #expect(
            WaitText.verdict(.timedOut(after: 30), judge: j, now: t0 + 30)
                == "timed out after 30s waiting for production to run 1.1.0 (it runs 1.0.0; request: 1.1.0 "
                + "(promotion from staging by alice), in progress)")
    }

    @Test func noTimeoutWaitsForever() {
        var j = judge(timeout: nil)
        _ = j.observe(look("1.0.0", updated: nil), now: t0)
        #expect(j.nextDeadline(after: t0) == nil)
        #expect(j.observe(look("1.0.0", updated: nil), now: t0 + 1e9).verdict == nil)
    }

    @Test func theStalenessDeadlineIsJustPastStaleAfter() {
        var j = judge(healthy: true, timeout: nil)
        _ = j.observe(look("1.1.0", .degraded), now: t0)
        let at = j.nextDeadline(after: t0)
        #expect(at.map { $0 > t0 + 300 && $0 < t0 + 300.01 } == true)
        #expect(j.observe(look("1.1.0", .degraded), now: at ?? t0).events == [.stale(since: t0)])
        // A heartbeat from the future is stale until it is at most 5 minutes ahead.
        let future = look("1.1.0", updated: t0 + 600)
        #expect(future.isStale(now: t0))
        #expect(future.stalenessChanges(after: t0) == t0 + 300)
        #expect(!future.isStale(now: t0 + 300))
    }

    @Test func verdictsComeInOrderArrivalFirst() {
        // Runs the version with another request under way: it arrived (now), whatever comes next.
        let other = WaitRequest(version: "1.2.0", kind: .promotion, by: "bob", at: t0)
        var j = judge()
        #expect(j.observe(look("1.1.0", request: other), now: t0).verdict == .arrived(healthy: false))
        // Timed out and down past fail-after at the same look: the down verdict (exit 1) says more.
        var k = judge(healthy: true, failAfter: 10, timeout: 10)
        _ = k.observe(look("1.1.0", .down), now: t0)
        #expect(k.observe(look("1.1.0", .down), now: t0 + 10).verdict == .down(since: t0, failAfter: 10))
    }

    @Test func theObservationComesFromTheSnapshot() {
        var s = pair(to: "1.0.0")
        s.environments["production"]?.checks = [Check(name: "http", status: .failing, detail: "502")]
        s.environments["production"]?.health = nil
        s.promotions["production"] = PromotionRequest(
            version: "1.1.0", from: "staging", kind: .promotion, requestedBy: "alice", requestedAt: t0)
        let obs = WaitObservation(environment: "production", in: s)
        #expect(obs?.version == "1.0.0")
        #expect(obs?.health == .down)
        #expect(obs?.note == "http failing: 502")
        #expect(obs?.request == promo)
        #expect(obs?.file == .present)
        #expect(WaitObservation(environment: "nowhere", in: s) == nil)
        s.environments["production"] = nil
        #expect(WaitObservation(environment: "production", in: s)?.file == .missing)
        s.problems = [Problem(path: "environments/production.yaml", line: 2, message: "bad")]
        #expect(
            WaitObservation(environment: "production", in: s)?.file == .broken("environments/production.yaml:2: bad"))
    }

    @Test func refusalsBeforeTheWait() {
        let s = pair()
        #expect(WaitJudge.refusal(version: "1.1.0", environment: "production", in: s) == nil)
        #expect(WaitJudge.refusal(version: "1.1.0", environment: "qa", in: s)?.kind == .badInput)
        #expect(WaitJudge.refusal(version: "9.9.9", environment: "production", in: s)?.kind == .badInput)
        #expect(WaitJudge.refusal(version: "../x", environment: "production", in: s)?.kind == .badInput)
        #expect(WaitJudge.refusal(version: "1.1.0", environment: "production", in: Snapshot())?.kind == .badInput)
    }

    @Test func durationsReadAsTheyAreWritten() {
        #expect(WaitText.duration(30) == "30s")
        #expect(WaitText.duration(120) == "2m")
        #expect(WaitText.duration(5400) == "1h30m")
        #expect(WaitText.duration(0) == "0s")
        #expect(WaitText.duration(.infinity) == "0s")
    }
}
