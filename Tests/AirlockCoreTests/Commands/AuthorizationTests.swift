// Who may run which command on a snapshot: each refusal once, with its one message and its exit kind.
import Foundation
import Testing

@testable import AirlockCore

/// qa runs 1.2.0, staging 1.1.0, production (protected, approvers alice and bob) 1.0.0; alice approved 1.1.0 for
/// production, so 1.1.0 is ready to enter it.
func threeEnvironments(configure: (inout Snapshot) -> Void = { _ in }) -> Snapshot {
    let production = env("production") {
        $0.protected = true
        $0.approvers = ["alice", "bob"]
        $0.requiredApprovals = 1
    }
    var s = Snapshot(pipeline: Pipeline(name: "p", environments: [env("qa"), env("staging"), production]))
    s.environments = ["qa": status("1.2.0"), "staging": status("1.1.0"), "production": status("1.0.0")]
    for v in ["0.9.0", "1.0.0", "1.1.0", "1.2.0"] { s.releases[v] = Release(version: v) }
    s.releases["1.1.0"]?.approvals = [Approval(by: "alice", environment: "production")]
    configure(&s)
    return s
}

func refusal(
    _ command: Command, by actor: String = "alice", confirmed: Bool = true, history: RunHistory? = nil,
    _ configure: (inout Snapshot) -> Void = { _ in }
) -> Refusal? {
    Authorization.check(
        command, by: actor, on: threeEnvironments(configure: configure), now: t0, confirmed: confirmed,
        history: history)
}

@Suite struct PromoteAuthorizationTests {
    let intoProduction = Command.promote(version: "1.1.0", to: "production", reason: nil)

    @Test func allowed() {
        #expect(refusal(intoProduction) == nil)
        #expect(refusal(.promote(version: "1.2.0", to: "staging", reason: nil), by: "mallory", confirmed: false) == nil)
    }

    @Test func thePipelineMustBeReadableAndWithoutProblems() {
        #expect(
            refusal(intoProduction) { $0.pipeline = nil }
                == Refusal(.badInput, "airlock.yaml: cannot be read (run airlock check)"))
        #expect(
            refusal(intoProduction) { $0.problems = [Problem(path: "airlock.yaml", line: 3, message: "bad")] }
                == Refusal(.refused, "airlock.yaml has problems; fix them first: airlock.yaml:3: bad"))
    }

    @Test func theEnvironmentMustBeKnownAndNotTheFirst() {
        #expect(
            refusal(.promote(version: "1.1.0", to: "prod", reason: nil))
                == Refusal(.badInput, "unknown environment \"prod\" (the pipeline has: qa, staging, production)"))
        #expect(
            refusal(.promote(version: "1.1.0", to: "qa", reason: nil))
                == Refusal(.badInput, "qa is the first environment; nothing is promoted into it"))
    }

    @Test func onlyApproversPromoteIntoAProtectedEnvironment() {
        #expect(
            refusal(intoProduction, by: "mallory")
                == Refusal(
                    .refused,
                    "mallory is not an approver of production and cannot promote into it (approvers: alice, bob)"))
    }

    @Test func theVersionMustBeTheOneWaiting() {
        #expect(
            refusal(.promote(version: "1.2.0", to: "production", reason: nil))
                == Refusal(
                    .refused, "1.2.0 is not waiting to enter production: staging runs 1.1.0, production runs 1.0.0"))
    }

    @Test func notTwice() {
        let request = PromotionRequest(
            version: "1.1.0", from: "staging", kind: .promotion, requestedBy: "bob", requestedAt: t0)
        #expect(
            refusal(intoProduction) { $0.promotions["production"] = request }
                == Refusal(.refused, "1.1.0 into production is already requested and in progress"))
    }

    @Test func blockersRefuseWithTheirCodesAndWords() {
        #expect(
            refusal(intoProduction) { $0.releases["1.1.0"]?.approvals = [] }
                == Refusal(
                    .refused, "1.1.0 cannot enter production: approvals:0/1 (needs 1 more approval (0/1))",
                    blockers: ["approvals:0/1"]))
    }

    @Test func aProtectedEnvironmentNeedsConfirming() {
        #expect(
            refusal(intoProduction, confirmed: false)
                == Refusal(.refused, "production is protected: confirm the promotion (--yes)"))
    }
}

@Suite struct ApproveAndChecklistAuthorizationTests {
    @Test func approve() {
        #expect(refusal(.approve(version: "1.1.0", environment: "production")) == nil)
        #expect(
            refusal(.approve(version: "1.1.0", environment: "production"), by: "mallory")
                == Refusal(
                    .refused, "mallory is not an approver of production and cannot approve (approvers: alice, bob)"))
        #expect(
            refusal(.approve(version: "1.1.0", environment: "staging"))
                == Refusal(.refused, "alice is not an approver of staging and cannot approve (nobody is listed)"))
    }

    @Test func theReleaseMustHaveAReadableFile() {
        let approve = Command.approve(version: "1.1.0", environment: "production")
        #expect(
            refusal(.approve(version: "9.9.9", environment: "production"))
                == Refusal(.badInput, "no release 9.9.9: releases/9.9.9.yaml does not exist (CI creates release files)")
        )
        #expect(
            refusal(approve) { $0.problems = [Problem(path: "releases/1.1.0.yaml", line: 2, message: "x")] }
                == Refusal(.badInput, "releases/1.1.0.yaml:2: x (fix the file first)"))
        #expect(
            refusal(approve) { $0.problems = [Problem(path: "releases", line: nil, message: "y")] }
                == Refusal(.badInput, "releases: y (fix the folder first)"))
    }

    @Test func checklistItems() {
        #expect(refusal(.setItem(version: "1.1.0", item: "monitoring", done: true, note: nil), by: "anyone") == nil)
        #expect(
            refusal(.setItem(version: "1.1.0", item: "approval", done: true, note: nil))
                == Refusal(.badInput, "approval is computed from recorded approvals and cannot be ticked (use approve)")
        )
        let known = ChecklistItem.builtIn.filter { !$0.computed }.map(\.id).joined(separator: ", ")
        #expect(
            refusal(.setItem(version: "1.1.0", item: "nope", done: true, note: nil))
                == Refusal(.badInput, "unknown checklist item \"nope\" (known: \(known))"))
        #expect(
            refusal(.setItem(version: "1.1.0", item: "monitoring", done: true, note: nil)) { $0.pipeline = nil }
                == Refusal(.badInput, "airlock.yaml: cannot be read (run airlock check)"))
    }

    @Test func theDashboardsRefusalsWithNothingPending() {
        #expect(Refusal.nothingWaiting("qa") == Refusal(.refused, "nothing is waiting to enter qa"))
        #expect(
            Refusal.nothingToApprove("qa")
                == Refusal(.refused, "nothing is waiting to enter qa, so there is nothing to approve"))
    }
}

@Suite struct RollbackAuthorizationTests {
    /// The log says production moved from 0.9.0 to 1.0.0.
    var history: RunHistory {
        var h = RunHistory(environment: "production", current: "1.0.0")
        h.add(
            AuditEntry(
                at: t0, actor: "a", action: .promote, version: "1.0.0", environment: "production", previous: "0.9.0"))
        return h
    }
    let back = Command.rollback(environment: "production", to: nil, reason: nil)

    @Test func allowed() {
        #expect(refusal(back, history: history) == nil)
        #expect(refusal(back) == nil)
        #expect(refusal(.rollback(environment: "production", to: "0.9.0", reason: nil), history: history) == nil)
    }

    @Test func beforeTheLogIsRead() {
        #expect(
            refusal(back) { $0.environments["production"]?.version = nil }
                == Refusal(.badInput, "production reports no version; there is nothing to roll back"))
        #expect(
            refusal(back, by: "mallory")
                == Refusal(
                    .refused, "mallory is not an approver of production and cannot roll it back (approvers: alice, bob)"
                ))
    }

    @Test func withWhatTheLogSays() {
        #expect(
            refusal(back, history: RunHistory(environment: "production", current: "1.0.0"))
                == Refusal(
                    .badInput,
                    "no earlier version of production is known from the audit log; name one with --to VERSION"))
        #expect(
            refusal(.rollback(environment: "production", to: "1.0.0", reason: nil), history: history)
                == Refusal(.refused, "production already runs 1.0.0"))
        let request = PromotionRequest(
            version: "0.9.0", from: nil, kind: .rollback, requestedBy: "bob", requestedAt: t0)
        #expect(
            refusal(back, history: history) { $0.promotions["production"] = request }
                == Refusal(.refused, "a rollback of production to 0.9.0 is already requested and in progress"))
        #expect(
            refusal(back, confirmed: false, history: history)
                == Refusal(.refused, "production is protected: confirm the rollback (--yes)"))
        #expect(
            refusal(.rollback(environment: "production", to: "1.1.0", reason: nil), history: history)
                == Refusal(
                    .refused,
                    "cannot roll production back to 1.1.0: 1.1.0 is not older than 1.0.0, which production runs: "
                        + "a rollback only goes back; to move production forward, use promote"))
    }
}
