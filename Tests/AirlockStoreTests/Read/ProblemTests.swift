import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct ProblemTests {
    func problems(_ files: [String: String]) -> [Problem] {
        var all = ["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n  - name: production\n"]
        for (k, v) in files { all[k] = v }
        return TempRoot(all).load().problems
    }

    func expectProblem(
        _ files: [String: String], path: String, line: Int?, contains text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let ps = problems(files)
        let hit = ps.contains { $0.path == path && $0.line == line && $0.message.contains(text) }
        let place = "\(path):\(line.map(String.init) ?? "-")"
        #expect(hit, "expected \(place): …\(text)… in \(ps)", sourceLocation: sourceLocation)
    }

    @Test func yamlSyntax() {
        expectProblem(
            ["environments/qa.yaml": "version: 1.0.0\nchecks: [a, b\nhealth: healthy\n"],
            path: "environments/qa.yaml", line: 3, contains: "YAML syntax")
    }

    @Test func wrongType() {
        expectProblem(
            ["environments/qa.yaml": "version: 1.0.0\nchecks: passing\n"],
            path: "environments/qa.yaml", line: 2, contains: "checks: expected a list")
        expectProblem(
            ["releases/1.0.0.yaml": "version: 1.0.0\nschema_version: many\n"],
            path: "releases/1.0.0.yaml", line: 2, contains: "schema_version: expected a whole number")
    }

    @Test func badEnumValue() {
        expectProblem(
            ["environments/qa.yaml": "version: 1.0.0\nupdated_at: 2026-11-21T22:40:00Z\nhealth: great\n"],
            path: "environments/qa.yaml", line: 3, contains: "health: expected one of healthy, degraded, down, unknown")
        expectProblem(
            ["environments/qa.yaml": "version: 1.0.0\nchecks:\n  - name: http\n    status: green\n"],
            path: "environments/qa.yaml", line: 4,
            contains: "checks[0].status: expected one of passing, warning, failing, unknown")
    }

    @Test func unknownGate() {
        expectProblem(
            [
                "airlock.yaml":
                    "pipeline: p\nenvironments:\n  - name: qa\n  - name: production\n"
                    + "    gates: [monitoring, monitoriing]\n"
            ],
            path: "airlock.yaml", line: 5, contains: "unknown checklist item monitoriing")
    }

    @Test func aWrongTypeIsReportedOnce() {
        let ps = problems(["airlock.yaml": "pipeline: p\nenvironments: 5\n"])
        #expect(
            ps.filter { $0.message.hasPrefix("environments:") } == [
                Problem(path: "airlock.yaml", line: 2, message: "environments: expected a list")
            ])
    }

    @Test func impossibleApprovalRules() {
        expectProblem(
            ["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n  - name: production\n    protected: true\n"],
            path: "airlock.yaml", line: 5, contains: "a protected environment needs approvers")
        expectProblem(
            [
                "airlock.yaml":
                    "pipeline: p\nenvironments:\n  - name: qa\n  - name: production\n"
                    + "    approvers: [alice]\n    required_approvals: 2\n"
            ],
            path: "airlock.yaml", line: 6, contains: "needs 2 but only 1 approver(s) are listed")
    }

    @Test func releaseVersionDiffersFromFileName() {
        expectProblem(
            ["releases/1.0.0.yaml": "version: 1.0.1\n"], path: "releases/1.0.0.yaml", line: 1,
            contains: "differs from the file name")
    }

    @Test func missingRequiredKey() {
        expectProblem(
            ["environments/qa.yaml": "health: healthy\n"], path: "environments/qa.yaml", line: 1,
            contains: "version: required key missing")
        expectProblem(
            ["airlock.yaml": "environments:\n  - name: qa\n"], path: "airlock.yaml", line: 1,
            contains: "pipeline: required key missing")
    }

    @Test func invalidUTF8() {
        let root = TempRoot(["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n"])
        root.writeBytes(
            "environments/qa.yaml",
            Array("version: 1.0.0\n".utf8) + [
                0x64, 0x65, 0x70, 0x6C, 0x6F, 0x79, 0x65, 0x64, 0x5F, 0x62, 0x79, 0x3A, 0x20, 0xC3, 0x28, 0x0A,
            ])
        let ps = root.load().problems
        #expect(
            ps.contains { $0.path == "environments/qa.yaml" && $0.line == 2 && $0.message == "invalid UTF-8" }, "\(ps)")
    }

    /// The ASCII check reads eight bytes at a time: a high byte in any place of a word, or in the tail, counts.
    @Test func invalidUTF8AnywhereInTheWordsOrTheTail() {
        let text = Array("version: 1.0.0\nnotes: abcdefghijklmnopqrstuvwxyz\n".utf8)
        #expect(YAMLReader.invalidUTF8Line(text) == nil)
        for i in text.indices where text[i] != 0x0A {
            var bad = text
            bad[i] = 0xFF
            #expect(YAMLReader.invalidUTF8Line(bad) == (i < 15 ? 1 : 2), "byte \(i)")
        }
        #expect(YAMLReader.invalidUTF8Line(Array("é".utf8)) == nil)
        #expect(YAMLReader.invalidUTF8Line([0x41, 0xC3]) == 1)
    }

    @Test func aliasBombIsRefusedFast() {
        var text = "version: 1.0.0\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...12 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let start = Date()
        let ps = problems(["releases/1.0.0.yaml": text])
        #expect(Date().timeIntervalSince(start) < 20, "refused, not expanded (expanded, it would take minutes)")
        #expect(
            ps.contains { $0.path == "releases/1.0.0.yaml" && $0.message.contains("alias") && $0.line != nil }, "\(ps)")
    }

    @Test func hugeFileIsRefusedWithoutReading() throws {
        let root = TempRoot(["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n"])
        let path = root.path + "/environments/qa.yaml"
        root.write("environments/qa.yaml", "version: 1.0.0\n")
        let h = try #require(FileHandle(forWritingAtPath: path))
        try h.truncate(atOffset: UInt64(YAMLReader.maxFileSize + 1))
        try h.close()
        let ps = root.load().problems
        #expect(ps.contains { $0.path == "environments/qa.yaml" && $0.message.contains("MiB limit") }, "\(ps)")
    }

    @Test func badDurationTimestampAndDuplicates() {
        expectProblem(
            ["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n    stale_after: soon\n"],
            path: "airlock.yaml", line: 4, contains: "stale_after: expected a duration")
        expectProblem(
            ["environments/qa.yaml": "version: 1.0.0\ndeployed_at: yesterday\n"],
            path: "environments/qa.yaml", line: 2, contains: "deployed_at: expected an RFC 3339 time")
        expectProblem(
            ["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n  - name: qa\n"],
            path: "airlock.yaml", line: 4, contains: "listed twice")
        expectProblem(
            ["environments/qa.yaml": "version: 1.0.0\nhealth: healthy\nhealth: down\n"],
            path: "environments/qa.yaml", line: 3, contains: "duplicate key health")
        expectProblem(
            ["airlock.yaml": "pipeline: p\nenvironments:\n  - name: QA_env\n"],
            path: "airlock.yaml", line: 3, contains: "must match")
    }

    @Test func auditAndStrayFiles() {
        expectProblem(
            [
                "audit.jsonl":
                    "{\"at\":\"2026-11-21T22:40:00Z\",\"actor\":\"a\",\"action\":\"approve\","
                    + "\"version\":\"1\",\"environment\":\"qa\"}\nnot json\n"
            ],
            path: "audit.jsonl", line: 2, contains: "not a JSON object")
        expectProblem(
            ["environments/prod.yaml": "version: 1.0.0\n"], path: "environments/prod.yaml", line: nil,
            contains: "not an environment")
        expectProblem(
            ["promotions/qa.yaml": "version: 1.0.0\nkind: sideways\n"], path: "promotions/qa.yaml", line: 2,
            contains: "kind: expected one of promotion, rollback")
    }

    @Test func missingPipeline() {
        let ps = TempRoot([:]).load().problems
        #expect(
            ps == [Problem(path: "airlock.yaml", line: nil, message: "missing: the status root needs an airlock.yaml")])
    }

    @Test func versionsStayText() {
        let root = TempRoot([
            "airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n",
            "environments/qa.yaml":
                "version: 2.10\nupdated_at: 2026-11-21T22:40:00Z\nschema_version: 7\nflags: {a: true, b: off}\n",
            "releases/2.10.yaml": "version: 2.10\n",
        ])
        let snap = root.load()
        #expect(snap.problems == [])
        #expect(snap.environments["qa"]?.version == "2.10")
        #expect(snap.releases["2.10"]?.version == "2.10")
        #expect(snap.environments["qa"]?.flags.map(\.value) == ["true", "off"])
    }

    @Test func brokenFileDoesNotHideOthersAndKeepsItsLastGoodState() {
        let root = TempRoot([
            "airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n  - name: production\n",
            "environments/qa.yaml": "version: 1.0.0\nhealth: healthy\n",
            "environments/production.yaml": "version: 0.9.0\nhealth: healthy\n",
        ])
        let loader = RootLoader(root: root.path)
        #expect(loader.load().environments["qa"]?.version == "1.0.0")
        root.write("environments/qa.yaml", "version: 1.1.0\nhealth: [\n")
        let snap = loader.load()
        #expect(snap.environments["qa"]?.version == "1.0.0", "last good state kept")
        #expect(snap.brokenEnvironments == ["qa"])
        #expect(snap.environments["production"]?.version == "0.9.0")
        #expect(snap.problems.count == 1)
        #expect(loader.lastParsedCount == 1, "only the changed file is read again")
        let json = Report.status(snap, now: Date()).serialized()
        #expect(json.contains("\"name\":\"qa\",\"version\":\"1.0.0\",\"health\":\"healthy\",\"stale\":true"))
    }
}
