// A report's values and plan: how options are read, what a heartbeat is, which audit lines a change makes.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct ReportPlanningTests {
    let at = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func optionsAreReadAsTheirShapesSay() throws {
        var c = ReportChange(environment: "qa")
        c.checks = ["http=passing:p99: 180ms", "db=failing", "http=warning:slow"]
        c.services = ["web=2.4.0", "api=2.4.1:down"]
        c.flags = ["on=true", "off=false", "label=True"]
        c.config = ["pool=20", "zip=007", "ratio=1.5", "debug=false", "zero=0", "low=-5", "neg0=-0", "neg01=-01"]
        let e = try c.parsed(actor: "ci")
        #expect(e.by == "ci")
        #expect(
            e.checks == [Check(name: "db", status: .failing), Check(name: "http", status: .warning, detail: "slow")])
        #expect(
            e.services == [
                Service(name: "web", version: "2.4.0"), Service(name: "api", version: "2.4.1", health: .down),
            ])
        #expect(e.flags.map(\.1) == [.plain("true"), .plain("false"), .text("True")])
        #expect(
            e.config.map(\.1) == [
                .plain("20"), .text("007"), .text("1.5"), .plain("false"), .plain("0"), .plain("-5"), .text("-0"),
                .text("-01"),
            ])
        c.checks = ["http=passing:p99: 180ms"]
        #expect(try c.parsed(actor: "ci").checks.first?.detail == "p99: 180ms", "the detail is the rest")
    }

    func plan(_ change: ReportChange, file: String?) throws -> (Plan, TempRoot) {
        let root = TempRoot(["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n"])
        if let file { root.write("environments/qa.yaml", file) }
        let planner = Planning.report(change, actor: "ci", root: root.path)
        return (try planner(root.load(), at), root)
    }

    @Test func aReportThatChangesOnlyTheHeartbeatIsLocalOnlyWithoutAuditLines() throws {
        let (p, _) = try plan(
            ReportChange(environment: "qa"), file: "version: 2.4.0\nupdated_at: 2026-01-01T00:00:00Z\nx: [1]\n")
        #expect(p.localOnly && p.entries.isEmpty && p.records)
        #expect(p.writes.first?.text.contains("updated_at: \(TimeFormat.formatTimestamp(at))") == true)
        var c = ReportChange(environment: "qa")
        c.flags = ["f=true"]
        let (q, _) = try plan(c, file: "version: 2.4.0\n")
        #expect(!q.localOnly && q.entries.isEmpty && q.subject == "airlock: report 2.4.0 qa by ci", "committed")
    }

    @Test func versionAndDerivedHealthChangesMakeTheirLines() throws {
        var c = ReportChange(environment: "qa")
        c.version = "2.5.0"
        c.checks = ["a=failing"]
        c.by = "deployer"
        let (p, _) = try plan(c, file: "version: 2.4.0\nchecks: [{name: a, status: passing}]\n")
        #expect(p.entries.map(\.action) == [.deployed, .health])
        #expect(p.entries[0].previous == "2.4.0" && p.entries[0].actor == "deployer")
        #expect(p.entries[1].health == "down" && p.entries[1].previousHealth == "healthy")
        let text = try #require(p.writes.first?.text)
        #expect(text.contains("deployed_by: deployer") && text.contains("deployed_at: 2026-11-18T"))
        // The same version again: no deployed line, deployed_at kept.
        c.checks = []
        let (q, _) = try plan(c, file: "version: 2.5.0\ndeployed_at: 2026-01-01T00:00:00Z\n")
        #expect(q.entries.isEmpty && q.writes.first?.text.contains("deployed_at: 2026-01-01T00:00:00Z") == true)
    }

    @Test func theNewAuditLinesReadBackAsWritten() {
        let lines = [
            AuditEntry(at: at, actor: "ci", action: .deployed, version: "2.5.0", environment: "qa", previous: "2.4.0"),
            AuditEntry(
                at: at, actor: "mon", action: .health, version: "2.5.0", environment: "qa", health: "down",
                previousHealth: nil),
            AuditEntry(at: at, actor: "ci", action: .release, version: "2.5.0", environment: nil),
        ]
        let text = lines.map(AuditLog.line).joined()
        let (entries, problems) = AuditLog.parse(Data(text.utf8), path: "audit.jsonl", firstLine: 1)
        #expect(problems == [] && entries == lines)
        #expect(text.contains("\"previous_health\":null"))
        #expect(lines.allSatisfy { Command(replaying: $0) == nil }, "re-applied from their files, not their lines")
    }

    @Test func releaseMetadataIsSetInPlaceOrRefusedWithItsLine() throws {
        let crlf = "version: 2.5.0\r\nnotes: old # why\r\nchecklist: {code-freeze: true}\r\n"
        let release = Release(version: "2.5.0", notes: "old", checklist: ["code-freeze": ChecklistEntry(done: true)])
        let out = try ReleaseFile.edit(
            Array(crlf.utf8), version: "2.5.0", release: release,
            change: .setMeta(key: "notes", value: "new", flow: "new"))
        #expect(out == "version: 2.5.0\r\nnotes: new # why\r\nchecklist: {code-freeze: true}\r\n")
        let added = try ReleaseFile.edit(
            Array(crlf.utf8), version: "2.5.0", release: release,
            change: .setMeta(key: "created_by", value: "ci", flow: "ci"))
        #expect(added.hasSuffix("checklist: {code-freeze: true}\r\ncreated_by: ci\r\n"))
        // A block scalar is replaced by one line; a list where a value belongs is refused with its line.
        let block = "version: 2.5.0\nnotes: |\n  long\n\n# c\nschema_version: 3\n"
        let replaced = try ReleaseFile.edit(
            Array(block.utf8), version: "2.5.0", release: Release(version: "2.5.0", notes: "long\n", schemaVersion: 3),
            change: .setMeta(key: "notes", value: "x", flow: "x"))
        #expect(replaced == "version: 2.5.0\nnotes: x\n\n# c\nschema_version: 3\n")
        let list = "version: 2.5.0\nnotes: [a, b]\n"
        #expect(throws: OperationError.self) {
            try ReleaseFile.edit(
                Array(list.utf8), version: "2.5.0", release: Release(version: "2.5.0"),
                change: .setMeta(key: "notes", value: "x", flow: "x"))
        }
    }
}
