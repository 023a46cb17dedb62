import Foundation
import Testing

@testable import AirlockCore

let t0 = Date(timeIntervalSince1970: 1_795_000_000)

func env(_ name: String, _ build: (inout EnvironmentConfig) -> Void = { _ in }) -> EnvironmentConfig {
    var e = EnvironmentConfig(name: name, staleAfter: 86400)
    build(&e)
    return e
}

func status(
    _ version: String?, health: Health? = .healthy, updated: Date = t0, deployed: Date? = nil, schema: Int? = nil
) -> EnvironmentStatus {
    EnvironmentStatus(version: version, deployedAt: deployed, updatedAt: updated, health: health, schemaVersion: schema)
}

/// A two-environment snapshot: staging runs `from`, production runs `to`.
func pair(from: String? = "1.1.0", to: String? = "1.0.0", configure: (inout Snapshot) -> Void = { _ in }) -> Snapshot {
    var s = Snapshot(pipeline: Pipeline(name: "p", environments: [env("staging"), env("production")]))
    if let from { s.environments["staging"] = status(from) }
    if let to { s.environments["production"] = status(to) }
    for v in [from, to].compactMap({ $0 }) { s.releases[v] = Release(version: v) }
    configure(&s)
    return s
}

func codes(_ s: Snapshot, now: Date = t0) -> [String]? {
    Rules.pending(into: 1, snapshot: s, now: now)?.blockers.map(\.code)
}

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

@Suite struct OrderTests {
    @Test func semverPrecedence() {
        let ordered = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0",
        ]
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            #expect(SemanticVersion(a)! < SemanticVersion(b)!, "\(a) < \(b)")
            #expect(!(SemanticVersion(b)! < SemanticVersion(a)!))
        }
        #expect(SemanticVersion("01.0.0") == nil)
        #expect(SemanticVersion("1.0") == nil)
        #expect(SemanticVersion("v1.0.0") == nil)
        #expect(SemanticVersion("1.0.0+build.5") == SemanticVersion("1.0.0"))
    }

    @Test func fallbackToCreatedAtThenText() {
        let releases = [
            "b": Release(version: "b", createdAt: t0), "a": Release(version: "a", createdAt: t0.addingTimeInterval(10)),
        ]
        #expect(ReleaseOrder.precedes("b", "a", releases: releases))
        #expect(ReleaseOrder.precedes("2.10", "2.9", releases: [:]), "not semver, no created_at: by text")
        #expect(
            ReleaseOrder.sorted(["1.10.0", "1.9.0", "1.0.0-rc.1"], releases: [:]) == ["1.0.0-rc.1", "1.9.0", "1.10.0"])
    }
}

@Suite struct TimeTests {
    @Test func rfc3339() {
        let d = TimeFormat.parseTimestamp("2026-11-21T22:40:00Z")
        #expect(d != nil)
        #expect(TimeFormat.formatTimestamp(d!) == "2026-11-21T22:40:00Z")
        #expect(TimeFormat.parseTimestamp("2026-11-21T23:40:00+01:00") == d)
        #expect(TimeFormat.parseTimestamp("2026-11-21T22:40:00.500Z")! > d!)
        #expect(TimeFormat.parseTimestamp("2026-02-30T00:00:00Z") == nil)
        #expect(TimeFormat.parseTimestamp("2026-11-21") == nil)
        #expect(TimeFormat.parseTimestamp("2026-11-21T22:40:00") == nil)
        #expect(TimeFormat.formatTimestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(TimeFormat.formatShort(TimeFormat.parseTimestamp("2026-12-27T00:00:00Z")!) == "Dec 27 00:00 UTC")
    }

    @Test func durations() {
        #expect(TimeFormat.parseDuration("30s") == 30)
        #expect(TimeFormat.parseDuration("5m") == 300)
        #expect(TimeFormat.parseDuration("2h") == 7200)
        #expect(TimeFormat.parseDuration("1d") == 86400)
        #expect(TimeFormat.parseDuration("5") == nil)
        #expect(TimeFormat.parseDuration("m") == nil)
        #expect(TimeFormat.parseDuration("-5m") == nil)
        #expect(TimeFormat.parseDuration("5w") == nil)
    }
}

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

    @Test func rollbackTargetFromAudit() {
        let s = pair {
            $0.audit = [
                AuditEntry(
                    at: t0, actor: "a", action: .promote, version: "1.0.0", environment: "production", previous: "0.9.0"
                ),
                AuditEntry(at: t0, actor: "a", action: .approve, version: "1.0.0", environment: "production"),
                AuditEntry(
                    at: t0, actor: "a", action: .promote, version: "1.1.0", environment: "staging", previous: "1.0.0"),
            ]
        }
        #expect(Rules.rollbackTarget(env: "production", snapshot: s) == "0.9.0")
        #expect(Rules.rollbackTarget(env: "staging", snapshot: s) == "1.0.0")
        #expect(Rules.rollbackTarget(env: "staging", snapshot: pair()) == nil)
    }

    func move(_ version: String, _ env: String, was previous: String?, _ action: AuditAction = .promote) -> AuditEntry {
        AuditEntry(at: t0, actor: "a", action: action, version: version, environment: env, previous: previous)
    }

    @Test func runHistoryTakesOnlyMovesOfItsEnvironmentNewestFirst() {
        var h = RunHistory(environment: "production", current: "1.0.0")
        for e in [
            move("1.0.0", "production", was: "1.1.0", .rollback), move("9.9.9", "staging", was: "8.8.8"),
            AuditEntry(at: t0, actor: "a", action: .approve, version: "7.7.7", environment: "production"),
            move("1.1.0", "production", was: "1.0.0"), move("1.0.0", "production", was: "0.9.0"),
        ] {
            h.add(e)
        }
        #expect(h.sawCurrentMove && h.previousOfCurrent == "1.1.0", "the latest line that moved it to 1.0.0")
        #expect(h.versions == ["1.0.0", "1.1.0", "0.9.0"])
        #expect(!h.records("9.9.9") && !h.records("7.7.7"))
    }

    @Test func aRollbackOnlyGoesBack() {
        var releases: [String: Release] = [:]
        for v in ["0.9.0", "1.0.0", "1.1.0", "2.0.0-rc.1"] { releases[v] = Release(version: v) }
        var h = RunHistory(environment: "production", current: "1.0.0")
        h.add(move("1.0.0", "production", was: "0.9.0"))
        h.complete = true
        func refusal(_ target: String) -> String? {
            Rules.rollbackRefusal(env: "production", current: "1.0.0", target: target, history: h, releases: releases)
        }
        #expect(refusal("0.9.0") == nil)
        // Newer than what runs (an rc that never left development included): that is a promotion.
        #expect(refusal("2.0.0-rc.1")?.hasSuffix("use promote") == true)
        #expect(refusal("1.1.0")?.contains("not older") == true)
        // Older, but the log records production running other versions only.
        #expect(refusal("0.8.0")?.hasSuffix("use promote") == true)
        #expect(refusal("0.8.0")?.contains("does not record production running 0.8.0") == true)
        #expect(Rules.rollbackChoices(env: "production", current: "1.0.0", history: h, releases: releases) == ["0.9.0"])
        // A log that records nothing about the environment leaves release order alone to decide.
        var none = RunHistory(environment: "production", current: "1.0.0")
        none.complete = true
        #expect(
            Rules.rollbackRefusal(
                env: "production", current: "1.0.0", target: "0.8.0", history: none,
                releases: releases) == nil)
        #expect(
            Rules.rollbackChoices(
                env: "production", current: "1.0.0", history: none,
                releases: releases) == ["0.9.0"])
        // Read only part of the way back and not found: not allowed on a guess.
        var partial = RunHistory(environment: "production", current: "1.0.0")
        partial.add(move("1.0.0", "production", was: "0.9.0"))
        #expect(
            Rules.rollbackRefusal(
                env: "production", current: "1.0.0", target: "0.8.0", history: partial,
                releases: releases) != nil)
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
