// The rollback rule: what an environment ran and where a rollback may go.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct RollbackRuleTests {
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

}
