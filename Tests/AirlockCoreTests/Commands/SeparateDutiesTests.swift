// Four eyes (`separate_duties`): the author cannot approve; the promoter must not be needed for the quorum.
import Foundation
import Testing

@testable import AirlockCore

/// production (approvers alice, bob, carol; two approvals) separates duties; dana created 1.1.0, which waits in
/// staging; `approvals` have been recorded for it.
private func fourEyes(approvals: [String], author: String? = "dana", separate: Bool = true) -> Snapshot {
    threeEnvironments { s in
        s.pipeline?.environments[2].approvers = ["alice", "bob", "carol", "dana"]
        s.pipeline?.environments[2].requiredApprovals = 2
        s.pipeline?.environments[2].separateDuties = separate
        s.releases["1.1.0"]?.createdBy = author
        s.releases["1.1.0"]?.approvals = approvals.map { Approval(by: $0, environment: "production") }
    }
}

private func check(_ command: Command, by actor: String, _ s: Snapshot) -> Refusal? {
    Authorization.check(command, by: actor, on: s, now: t0)
}

@Suite struct SeparateDutiesTests {
    let approve = Command.approve(version: "1.1.0", environment: "production")
    let promote = Command.promote(version: "1.1.0", to: "production", reason: nil)

    @Test func theAuthorCannotApproveOthersCan() {
        let s = fourEyes(approvals: [])
        #expect(
            check(approve, by: "dana", s)
                == Refusal(
                    .refused,
                    "dana created 1.1.0 (created_by in releases/1.1.0.yaml) and cannot approve it for production: "
                        + "production separates duties"))
        #expect(check(approve, by: "alice", s) == nil)
        // Without the key, or without an author, the author approves as anyone.
        #expect(check(approve, by: "dana", fourEyes(approvals: [], separate: false)) == nil)
        #expect(check(approve, by: "dana", fourEyes(approvals: [], author: nil)) == nil)
        // Only that environment: staging does not separate duties.
        #expect(
            check(.approve(version: "1.1.0", environment: "staging"), by: "dana", s)?.message.contains("created")
                != true)
    }

    @Test func theAuthorsRecordedApprovalDoesNotCount() {
        let s = fourEyes(approvals: ["dana", "alice"])
        #expect(codes3(s) == ["approvals:1/2"])
        #expect(codes3(fourEyes(approvals: ["dana", "alice"], separate: false)) == [])
    }

    @Test func aPromoterWhoseApprovalIsNeededIsRefused() {
        let s = fourEyes(approvals: ["alice", "bob"])
        #expect(codes3(s) == [], "ready: two approvals")
        #expect(
            check(promote, by: "alice", s)
                == Refusal(
                    .refused,
                    "someone else must promote 1.1.0, or one more approval is needed: production separates duties "
                        + "and alice's own approval is needed for its quorum (1/2 without it)"))
        // Someone who did not approve may promote; so may an approver once a third approval is in.
        #expect(check(promote, by: "carol", s) == nil)
        #expect(check(promote, by: "alice", fourEyes(approvals: ["alice", "bob", "carol"])) == nil)
        // The author promotes like anyone (only approving is theirs to leave).
        #expect(check(promote, by: "dana", s) == nil)
        // Without the key, today's rules.
        #expect(check(promote, by: "alice", fourEyes(approvals: ["alice", "bob"], separate: false)) == nil)
    }

    @Test func rollbacksKeepTodaysRules() {
        let s = fourEyes(approvals: ["alice", "bob"])
        var history = RunHistory(environment: "production", current: "1.0.0")
        history.complete = true
        let back = Command.rollback(environment: "production", to: "0.9.0", reason: nil)
        #expect(Authorization.check(back, by: "alice", on: s, now: t0, history: history) == nil)
        #expect(Authorization.check(back, by: "dana", on: s, now: t0, history: history) == nil)
    }

    private func codes3(_ s: Snapshot) -> [String]? {
        Rules.pending(into: 2, snapshot: s, now: t0)?.blockers.map(\.code)
    }
}
