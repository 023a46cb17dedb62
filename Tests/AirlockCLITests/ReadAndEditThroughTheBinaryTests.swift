// The readers and the release editor seen through the built binary: `check` and `status` on a root full of
// problems, an absurd duration, and comments that survive an approval and a tick.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct ReadAndEditThroughTheBinaryTests {
    @Test func checkCommandListsEveryProblemQuickly() throws {
        let root = TempRoot([
            "airlock.yaml":
                "pipeline: p\nenvironments:\n  - name: qa\n  - name: staging\n  - name: production\n"
                + "    gates: [nope]\n",
            "environments/qa.yaml": "version: 1.0.0\nhealth: healthy\n",
            "environments/staging.yaml": "version: [1\n",
            "environments/production.yaml": "version: 1.0.0\nhealth: sick\n",
            "releases/1.0.0.yaml": "version: 1.0.1\n",
            "releases/2.0.0.yaml": "version: 2.0.0\nchecklist: {code-freeze: maybe}\n",
            "promotions/qa.yaml": "version: 1.0.0\nrequested_at: now\n",
            "audit.jsonl": "{]\n",
            "releases/3.0.0.yaml": "version: 3.0.0\nschema_version: 1\nschema_version: 2\n",
            "releases/4.0.0.yaml": "notes: no version here\n",
            "environments/moon.yaml": "version: 1.0.0\n",
        ])
        root.writeBytes("releases/5.0.0.yaml", Array("version: 5.0.0\nnotes: caf".utf8) + [0xE9, 0x0A])
        var bomb = "version: 6.0.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...12 {
            bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        root.write("releases/6.0.0.yaml", bomb)
        root.write("releases/7.0.0.yaml", "version: 7.0.0\n")
        let huge = try #require(FileHandle(forWritingAtPath: root.path + "/releases/7.0.0.yaml"))
        try huge.truncate(atOffset: UInt64(YAMLReader.maxFileSize + 1))
        try huge.close()
        let start = Date()
        let r = run(["check"], root: root.path)
        #expect(Date().timeIntervalSince(start) < 15, "an alias bomb or a huge file is refused, not expanded or read")
        #expect(r.code == 1)
        for expected in [
            "airlock.yaml:6: gates: unknown checklist item nope", "environments/staging.yaml:2: YAML syntax",
            "environments/production.yaml:2: health: expected one of", "releases/1.0.0.yaml:1: version: 1.0.1 differs",
            "releases/2.0.0.yaml:2: checklist.code-freeze: expected true or false",
            "promotions/qa.yaml:2: requested_at: expected an RFC 3339 time", "audit.jsonl:1: not a JSON object",
            "releases/3.0.0.yaml:3: duplicate key schema_version",
            "releases/4.0.0.yaml:1: version: required key missing",
            "environments/moon.yaml: moon is not an environment listed in airlock.yaml",
            "releases/5.0.0.yaml:2: invalid UTF-8", "releases/6.0.0.yaml:", "alias bomb",
            "releases/7.0.0.yaml: file is 16777217 bytes, larger than the 16 MiB limit",
        ] {
            #expect(r.out.contains(expected), "\(expected) in \(r.out)")
        }
        let status = run(["status", "--json"], root: root.path)
        #expect(status.code == 1)
        #expect(status.out.contains("\"name\": \"qa\",\n      \"version\": \"1.0.0\",\n      \"health\": \"healthy\""))
    }

    @Test func throughTheCommandLineCommentsSurvive() throws {
        let root = shopRoot()
        let text = "# owned by payments\nversion: 2.4.0\nchecklist:\n  tests-passed: true # CI\n"
        root.write("releases/2.4.0.yaml", text)
        #expect(run(["approve", "2.4.0", "--env", "production"], root: root.path, user: "alice").code == 0)
        #expect(run(["checklist", "2.4.0", "--done", "monitoring"], root: root.path, user: "bob").code == 0)
        let after = try #require(root.read("releases/2.4.0.yaml"))
        #expect(after.hasPrefix(text + "  monitoring: {done: true, by: bob, at: "))
        #expect(after.contains("approvals:\n  - {by: alice, environment: production, at: "))
    }

    @Test func anAbsurdDurationIsAProblemNotACrash() {
        let root = shopRoot()
        root.write(
            "airlock.yaml",
            "pipeline: shop\nenvironments:\n  - name: qa\n    soak: 99999999999999999999999d\n  - name: prod\n")
        let r = run(["status"], root: root.path)
        #expect(r.code == 1, "a problem, not a crash: \(r.code) \(r.err)")
        #expect(r.out.contains("soak") || r.err.contains("soak"))
        let check = run(["check"], root: root.path)
        #expect(check.code == 1 && check.out.contains("airlock.yaml:4: "), "\(check.out)")
    }
}
