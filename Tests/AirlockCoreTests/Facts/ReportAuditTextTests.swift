// How the reports' audit lines read (deployed, health, release), and what they tell a rollback.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct ReportAuditTextTests {
    let at = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func reportLinesReadAsSentencesAndDetails() {
        let deployed = AuditEntry(
            at: at, actor: "ci", action: .deployed, version: "2.5.0", environment: "qa", previous: "2.4.0")
        #expect(deployed.sentence == "qa runs 2.5.0 (was 2.4.0), reported by ci")
        #expect(deployed.details() == "2.5.0 on qa (was 2.4.0)")
        let first = AuditEntry(at: at, actor: "ci", action: .deployed, version: "2.5.0", environment: "qa")
        #expect(first.details() == "2.5.0 on qa (first report)")
        let health = AuditEntry(
            at: at, actor: "mon", action: .health, version: "2.5.0", environment: "qa", health: "down",
            previousHealth: "healthy")
        #expect(health.sentence == "qa is down (was healthy) on 2.5.0, reported by mon")
        #expect(health.logColumns().joined.hasSuffix("mon  health qa down (was healthy) running 2.5.0"))
        let release = AuditEntry(at: at, actor: "ci", action: .release, version: "2.6.0", environment: nil)
        #expect(release.sentence == "ci cut release 2.6.0" && release.details() == "2.6.0")
    }

    @Test func deployedLinesAreWhatAnEnvironmentRan() {
        var h = RunHistory(environment: "development", current: "2.5.0")
        h.add(AuditEntry(at: at, actor: "x", action: .health, version: "2.5.0", environment: "development"))
        #expect(!h.sawCurrentMove, "a health line moves nothing")
        h.add(
            AuditEntry(
                at: at, actor: "ci", action: .deployed, version: "2.5.0", environment: "development", previous: "2.4.1")
        )
        #expect(h.sawCurrentMove && h.previousOfCurrent == "2.4.1" && h.records("2.4.1"))
    }
}
