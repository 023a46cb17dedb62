import Foundation
import Testing
@testable import AirlockCore
@testable import AirlockStore

@Suite struct ReleaseEditTests {
    let at = TimeFormat.parseTimestamp("2026-11-21T23:00:00Z")!

    func release(_ text: String, _ stem: String = "2.4.0") -> Release? {
        Decoders.release(try? YAMLReader.parse(Array(text.utf8)), path: "r", stem: stem).0
    }

    @Test func approvingKeepsCommentsAndLayout() throws {
        let text = """
        # Release 2.4.0: the payment gateway
        version: 2.4.0
        notes: |
          New gateway.
          Behind a flag.
        approvals:
          # product signs first
          - {by: bob, environment: production, at: 2026-11-21T09:00:00Z}

        # the checklist is kept by QA
        checklist:
          code-freeze: true   # frozen on Monday
        owner: payments
        """ + "\n"
        let r = try #require(release(text))
        let change = ReleaseChange.approve(Approval(by: "alice", environment: "production", at: at))
        let out = try #require(ReleaseFile.lineEdit(text, change: change, expected: change.applied(to: r), stem: "2.4.0"))
        #expect(out == text.replacingOccurrences(of: "  - {by: bob, environment: production, at: 2026-11-21T09:00:00Z}\n",
                                                 with: "  - {by: bob, environment: production, at: 2026-11-21T09:00:00Z}\n  - {by: alice, environment: production, at: 2026-11-21T23:00:00Z}\n"))
    }

    @Test func tickingReplacesOnlyThatItem() throws {
        let text = "version: 2.4.0\nchecklist:\n  code-freeze: true   # frozen\n  monitoring:\n    done: false\n    note: dashboards missing\n  user-readiness: false\n# end\n"
        let r = try #require(release(text))
        let change = ReleaseChange.setItem(id: "monitoring", entry: ChecklistEntry(done: true, by: "carol", at: at, note: "dashboards missing"))
        let out = try #require(ReleaseFile.lineEdit(text, change: change, expected: change.applied(to: r), stem: "2.4.0"))
        #expect(out == "version: 2.4.0\nchecklist:\n  code-freeze: true   # frozen\n  monitoring: {done: true, by: carol, at: 2026-11-21T23:00:00Z, note: dashboards missing}\n  user-readiness: false\n# end\n")
        let added = ReleaseChange.setItem(id: "rollback-plan", entry: ChecklistEntry(done: true, by: "carol", at: at))
        let out2 = try #require(ReleaseFile.lineEdit(text, change: added, expected: added.applied(to: r), stem: "2.4.0"))
        #expect(out2.contains("  user-readiness: false\n  rollback-plan: {done: true, by: carol, at: 2026-11-21T23:00:00Z}\n# end\n"))
    }

    @Test func missingOrEmptyKeysAreAdded() throws {
        for text in ["version: 2.4.0\n", "version: 2.4.0\napprovals:\n", "version: 2.4.0"] {
            let r = try #require(release(text))
            let change = ReleaseChange.approve(Approval(by: "alice", environment: "production", at: at))
            let out = try #require(ReleaseFile.lineEdit(text, change: change, expected: change.applied(to: r), stem: "2.4.0"), "\(text)")
            #expect(release(out)?.approvals.map(\.by) == ["alice"])
            #expect(out.hasPrefix("version: 2.4.0\n"))
        }
    }

    @Test func flowStyleFallsBackToRewritingTheTree() throws {
        let root = TempRoot([
            "airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n  - name: production\n    protected: true\n    approvers: [alice]\n",
            "releases/2.4.0.yaml": "version: 2.4.0\nchecklist: {code-freeze: true}\napprovals: []\nextra: {kept: yes}\n",
        ])
        let text = try #require(root.read("releases/2.4.0.yaml"))
        let r = try #require(release(text))
        let change = ReleaseChange.setItem(id: "monitoring", entry: ChecklistEntry(done: true, by: "alice", at: at))
        #expect(ReleaseFile.lineEdit(text, change: change, expected: change.applied(to: r), stem: "2.4.0") == nil)
        let out = try ReleaseFile.edit(ReleaseFile.read(root: root.path, version: "2.4.0"), version: "2.4.0", release: r, change: change)
        let after = try #require(release(out))
        #expect(after == change.applied(to: r))
        #expect(out.contains("kept: yes"), "unknown keys kept")
    }

    @Test func throughTheCommandLineCommentsSurvive() throws {
        let root = shopRoot()
        root.write("releases/2.4.0.yaml", "# owned by payments\nversion: 2.4.0\nchecklist:\n  tests-passed: true # CI\n")
        #expect(run(["approve", "2.4.0", "--env", "production"], root: root.path, user: "alice").code == 0)
        #expect(run(["checklist", "2.4.0", "--done", "monitoring"], root: root.path, user: "bob").code == 0)
        let text = try #require(root.read("releases/2.4.0.yaml"))
        #expect(text.hasPrefix("# owned by payments\nversion: 2.4.0\nchecklist:\n  tests-passed: true # CI\n  monitoring: {done: true, by: bob, at: "))
        #expect(text.contains("approvals:\n  - {by: alice, environment: production, at: "))
    }
}
