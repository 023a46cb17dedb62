// What is pending between environments and what blocks it, in the SPEC order.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct PendingTests {
    @Test func readyWhenNothingBlocks() {
        let p = Rules.pending(into: 1, snapshot: pair(), now: t0)
        #expect(p?.version == "1.1.0")
        #expect(p?.state == .ready)
        #expect(p?.blockers == [])
    }

    @Test func noCandidateWhenTargetIsNewerOrEqual() {
        #expect(Rules.pending(into: 1, snapshot: pair(from: "1.0.0", to: "1.0.0"), now: t0) == nil)
        #expect(Rules.pending(into: 1, snapshot: pair(from: "1.0.0", to: "1.1.0"), now: t0) == nil)
        #expect(Rules.pending(into: 1, snapshot: pair(from: nil, to: "1.1.0"), now: t0) == nil)
    }

    @Test func candidateWhenTargetHasNoVersion() {
        #expect(Rules.pending(into: 1, snapshot: pair(from: "1.0.0", to: nil), now: t0)?.state == .ready)
    }

    @Test func unknownRelease() {
        let s = pair { $0.releases["1.1.0"] = nil }
        #expect(codes(s) == ["unknown-release"])
    }

    @Test func gatesInTheTargetsOrderAndApprovalSeparately() {
        let s = pair {
            $0.pipeline!.environments[1].gates = ["monitoring", "approval", "code-freeze"]
            $0.pipeline!.environments[1].requiredApprovals = 1
            $0.pipeline!.environments[1].approvers = ["alice"]
            $0.releases["1.1.0"]!.checklist["code-freeze"] = ChecklistEntry(done: false)
        }
        #expect(codes(s) == ["gate:monitoring", "gate:code-freeze", "approvals:0/1"])
        var done = s
        done.releases["1.1.0"]!.checklist["monitoring"] = ChecklistEntry(done: true)
        done.releases["1.1.0"]!.checklist["code-freeze"] = ChecklistEntry(done: true)
        #expect(codes(done) == ["approvals:0/1"])
    }

    @Test func approvalsCountOnlyApproversOncePerIdentityForThisEnvironment() {
        let s = pair {
            $0.pipeline!.environments[1] = EnvironmentConfig(
                name: "production", protected: true, approvers: ["alice", "bob"], requiredApprovals: 2)
            $0.releases["1.1.0"]!.approvals = [
                Approval(by: "alice", environment: "production"), Approval(by: "alice", environment: "production"),
                Approval(by: "mallory", environment: "production"), Approval(by: "bob", environment: "staging"),
            ]
        }
        #expect(codes(s) == ["approvals:1/2"])
        var two = s
        two.releases["1.1.0"]!.approvals.append(Approval(by: "bob", environment: "production"))
        #expect(codes(two) == [])
    }

    @Test func approvalsOfAnotherVersionDoNotCount() {
        let s = pair {
            $0.pipeline!.environments[1] = EnvironmentConfig(
                name: "production", staleAfter: 86400, protected: true, approvers: ["alice"])
            $0.releases["1.0.0"]!.approvals = [Approval(by: "alice", environment: "production")]
        }
        #expect(codes(s) == ["approvals:0/1"])
    }

    @Test func noCandidateWithoutTheSourcesFileAndNotBeyondTheEnds() {
        #expect(Rules.pending(into: 1, snapshot: pair(from: nil), now: t0) == nil)
        #expect(Rules.pending(into: 0, snapshot: pair(), now: t0) == nil)
        #expect(Rules.pending(into: 2, snapshot: pair(), now: t0) == nil)
        #expect(Rules.pending(snapshot: Snapshot(), now: t0).isEmpty)
    }

    @Test func aRequestForAnotherVersionDoesNotMakeItInProgress() {
        let s = pair {
            $0.promotions["production"] = PromotionRequest(
                version: "0.9.0", from: nil, kind: .rollback, requestedBy: "a", requestedAt: t0)
        }
        #expect(Rules.pending(into: 1, snapshot: s, now: t0)?.state == .ready)
    }

    @Test func protectedDefaultsToOneApproval() {
        #expect(EnvironmentConfig(name: "x", protected: true).requiredApprovals == 1)
        #expect(EnvironmentConfig(name: "x").requiredApprovals == 0)
    }

    @Test func freezeOnlyWhileActive() {
        let freeze = Freeze(
            environments: ["production"], from: t0, until: t0.addingTimeInterval(3600), reason: "holiday freeze")
        let s = pair { $0.pipeline!.freezes = [freeze] }
        #expect(codes(s, now: t0.addingTimeInterval(-1)) == [])
        #expect(codes(s, now: t0) == ["freeze:holiday freeze"])
        #expect(codes(s, now: t0.addingTimeInterval(3600)) == [])
        let other = pair {
            $0.pipeline!.freezes = [Freeze(environments: ["staging"], from: t0, until: t0 + 10, reason: "x")]
        }
        #expect(codes(other) == [])
        if case .freeze(_, let until)? = Rules.pending(into: 1, snapshot: s, now: t0)?.blockers.first {
            #expect(until == t0.addingTimeInterval(3600))
        } else {
            Issue.record("freeze blocker carries its end")
        }
    }

    @Test func unhealthySource() {
        for h in [Health.degraded, .down, .unknown] {
            let s = pair { $0.environments["staging"]!.health = h }
            #expect(codes(s) == ["unhealthy:staging"])
        }
    }

    @Test func staleSource() {
        let s = pair { $0.environments["staging"]!.updatedAt = t0.addingTimeInterval(-86401) }
        #expect(codes(s) == ["stale:staging"])
        #expect(codes(s, now: t0 - 2) == [])
    }

    @Test func brokenSourceFileIsStale() {
        let s = pair { $0.brokenEnvironments = ["staging"] }
        #expect(codes(s) == ["stale:staging"])
        if case .stale(_, _, let broken)? = Rules.pending(into: 1, snapshot: s, now: t0)?.blockers.first {
            #expect(broken)
        } else {
            Issue.record("stale blocker expected")
        }
    }

    @Test func soak() {
        let s = pair {
            $0.pipeline!.environments[0].soak = 7200
            $0.environments["staging"]!.deployedAt = t0.addingTimeInterval(-3600)
        }
        #expect(codes(s) == ["soak:staging"])
        #expect(codes(s, now: t0.addingTimeInterval(3600)) == [])
        let noDeployedAt = pair { $0.pipeline!.environments[0].soak = 60 }
        #expect(codes(noDeployedAt) == ["soak:staging"])
    }

    @Test func schema() {
        let s = pair {
            $0.releases["1.1.0"]!.schemaVersion = 44
            $0.environments["staging"]!.schemaVersion = 43
        }
        #expect(codes(s) == ["schema:43/44"])
        var ok = s
        ok.environments["staging"]!.schemaVersion = 44
        #expect(codes(ok) == [])
        var unreported = s
        unreported.environments["staging"]!.schemaVersion = nil
        #expect(codes(unreported) == [])
    }

    @Test func everyBlockerInTheSpecOrder() {
        let s = pair {
            var b = EnvironmentConfig(
                name: "production", gates: ["monitoring"], protected: true, approvers: ["alice"], requiredApprovals: 1)
            b.staleAfter = 300
            $0.pipeline!.environments[1] = b
            $0.pipeline!.environments[0].soak = 60
            $0.pipeline!.freezes = [Freeze(environments: ["production"], from: t0 - 10, until: t0 + 10, reason: "f")]
            $0.environments["staging"] = status("1.1.0", health: .down, updated: t0 - 90000, schema: 1)
            $0.releases["1.1.0"]!.schemaVersion = 2
        }
        #expect(
            codes(s) == [
                "gate:monitoring", "approvals:0/1", "freeze:f", "unhealthy:staging", "stale:staging", "soak:staging",
                "schema:1/2",
            ])
    }

    @Test func inProgressWhenRequestedAndNotYetRunning() {
        let s = pair {
            $0.promotions["production"] = PromotionRequest(
                version: "1.1.0", from: "staging", kind: .promotion, requestedBy: "a", requestedAt: t0)
            $0.environments["staging"]!.health = .down
        }
        let p = Rules.pending(into: 1, snapshot: s, now: t0)
        #expect(p?.state == .inProgress)
        #expect(p?.blockers == [])
    }

    @Test func blockerWords() {
        #expect(Blocker.approvals(have: 1, need: 2).explanation(now: t0) == "needs 1 more approval (1/2)")
        #expect(
            Blocker.freeze(reason: "holiday freeze", until: TimeFormat.parseTimestamp("2026-12-27T00:00:00Z")!)
                .explanation(now: t0)
                == "frozen: holiday freeze, until Dec 27 00:00 UTC")
        #expect(
            Blocker.stale("staging", since: t0 - 3 * 3600, broken: false).explanation(now: t0)
                == "staging is stale (last report 3h ago)")
    }
}
