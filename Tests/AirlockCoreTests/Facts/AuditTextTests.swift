// How an audit line reads: its details, its sentence and its columns.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct AuditTextTests {
    let promote = AuditEntry(
        at: t0, actor: "alice", action: .promote, version: "2.4.0", environment: "production", from: "staging",
        previous: "2.3.0", reason: "hotfix")
    let check = AuditEntry(
        at: t0, actor: "bob", action: .check, version: "2.4.0", environment: "staging", item: "monitoring")

    @Test func details() {
        #expect(promote.details() == "2.4.0 -> production from staging (was 2.3.0) — hotfix")
        #expect(promote.details(arrow: "→") == "2.4.0 → production from staging (was 2.3.0) — hotfix")
        #expect(check.details() == "2.4.0 (staging) item monitoring")
    }

    @Test func sentences() {
        #expect(promote.sentence == "alice promoted 2.4.0 into production (was 2.3.0)")
        #expect(check.sentence == "bob ticked monitoring of 2.4.0")
        var rollback = promote
        rollback.action = .rollback
        #expect(rollback.sentence == "alice rolled production back to 2.4.0 (from 2.3.0)")
        let approve = AuditEntry(at: t0, actor: "carol", action: .approve, version: "2.4.0", environment: nil)
        #expect(approve.sentence == "carol approved 2.4.0 for ?")
        var uncheck = check
        uncheck.action = .uncheck
        #expect(uncheck.sentence == "bob unticked monitoring of 2.4.0")
    }

    @Test func columns() {
        let c = promote.logColumns(arrow: "→")
        #expect(c.timestamp == TimeFormat.formatTimestamp(t0) && c.actor == "alice" && c.action == "promote")
        #expect(c.joined == "\(TimeFormat.formatTimestamp(t0))  alice  promote " + promote.details(arrow: "→"))
    }
}
