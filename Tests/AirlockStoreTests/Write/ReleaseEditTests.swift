import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// The in-place editor of release files: every layout people write keeps its bytes except the edited entry.
@Suite struct ReleaseEditTests {
    static let at = TimeFormat.parseTimestamp("2026-11-21T23:00:00Z")!
    static let stamp = "2026-11-21T23:00:00Z"
    static let approval = ReleaseChange.approve(Approval(by: "alice", environment: "production", at: at))
    static let alice = "{by: alice, environment: production, at: \(stamp)}"
    static func tick(_ id: String, note: String? = nil) -> ReleaseChange {
        .setItem(id: id, entry: ChecklistEntry(done: true, by: "carol", at: at, note: note))
    }
    static let ticked = "{done: true, by: carol, at: \(stamp)}"

    static func release(_ bytes: [UInt8], _ stem: String = "2.4.0") -> Release? {
        guard let node = try? YAMLReader.parse(bytes) else { return nil }
        let (r, problems) = Decoders.release(node, path: "r", stem: stem)
        return problems.isEmpty ? r : nil
    }

    /// The edited text; also checks it decodes as exactly the intended release.
    static func edited(_ text: String, _ change: ReleaseChange) throws -> String {
        let bytes = Array(text.utf8)
        let r = try #require(release(bytes), "the sample is a valid release")
        let out = try ReleaseFile.edit(bytes, version: "2.4.0", release: r, change: change)
        #expect(release(Array(out.utf8)) == change.applied(to: r))
        return out
    }

    static func refusal(_ text: String, _ change: ReleaseChange) -> String? {
        do {
            _ = try edited(text, change)
            return nil
        } catch let error as OperationError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    /// Expects `change` to turn `text` into `text` with `old` replaced by `new` (the only difference).
    static func expectEdit(
        _ text: String, _ change: ReleaseChange, _ old: String, _ new: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(text.contains(old), "the sample holds \(old.debugDescription)", sourceLocation: sourceLocation)
        let out = try edited(text, change)
        #expect(
            out == text.replacingOccurrences(of: old, with: new), "\(text.debugDescription)",
            sourceLocation: sourceLocation)
    }

    @Test func approvingABlockListKeepsCommentsAndLayout() throws {
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
        let bob = "  - {by: bob, environment: production, at: 2026-11-21T09:00:00Z}\n"
        try Self.expectEdit(text, Self.approval, bob, bob + "  - \(Self.alice)\n")
        let indentless = "version: 2.4.0\napprovals:\n- by: bob\n  environment: production\n# end\n"
        try Self.expectEdit(indentless, Self.approval, "production\n", "production\n- \(Self.alice)\n")
    }

    @Test func tickingEditsTheItemWhereItStands() throws {
        let text =
            "version: 2.4.0\nchecklist:\n  code-freeze: true   # frozen\n  monitoring:\n"
            + "    done: false  # see #12\n    note: dashboards missing\n  user-readiness: false\n# end\n"
        try Self.expectEdit(text, Self.tick("code-freeze"), "code-freeze: true", "code-freeze: \(Self.ticked)")
        try Self.expectEdit(
            text, Self.tick("monitoring", note: "dashboards missing"),
            "done: false  # see #12\n    note: dashboards missing\n",
            "done: true  # see #12\n    note: dashboards missing\n"
                + "    by: carol\n    at: \(Self.stamp)\n")
        try Self.expectEdit(
            text, Self.tick("rollback-plan"), "  user-readiness: false\n",
            "  user-readiness: false\n  rollback-plan: \(Self.ticked)\n")
    }

    @Test func missingEmptyAndNullValuesAreFilledIn() throws {
        let added = "approvals:\n  - \(Self.alice)"
        let cases: [(String, String)] = [
            ("version: 2.4.0\n", "version: 2.4.0\n\(added)\n"),
            ("version: 2.4.0", "version: 2.4.0\n\(added)"),
            ("version: 2.4.0\napprovals:\n", "version: 2.4.0\n\(added)\n"),
            (
                "version: 2.4.0\napprovals:   # none yet\nowner: x\n",
                "version: 2.4.0\napprovals:   # none yet\n  - \(Self.alice)\nowner: x\n"
            ),
            ("version: 2.4.0\napprovals: ~\n", "version: 2.4.0\napprovals: [\(Self.alice)]\n"),
            ("{version: 2.4.0}\n", "{version: 2.4.0, approvals: [\(Self.alice)]}\n"),
            ("{version: 2.4.0, approvals: }\n", "{version: 2.4.0, approvals: [\(Self.alice)]}\n"),
            // A block text ending the file without a line break keeps its value: the entry goes before it.
            ("version: 2.4.0\nnotes: |\n  text", "version: 2.4.0\n\(added)\nnotes: |\n  text"),
        ]
        for (text, expected) in cases { #expect(try Self.edited(text, Self.approval) == expected, "\(text)") }
        #expect(
            try Self.edited("version: 2.4.0\nchecklist: null # later\n", Self.tick("a"))
                == "version: 2.4.0\nchecklist: {a: \(Self.ticked)} # later\n")
        #expect(
            try Self.edited("version: 2.4.0\nchecklist:\n", Self.tick("a"))
                == "version: 2.4.0\nchecklist:\n  a: \(Self.ticked)\n")
    }

    @Test func flowMappingsAndListsGainOnlyTheEntry() throws {
        let text =
            "# QA owns this\nversion: 2.4.0\nchecklist: {code-freeze: true}  # frozen\napprovals: []\n"
            + "extra: {kept: yes}\n"
        try Self.expectEdit(
            text, Self.tick("monitoring"), "{code-freeze: true}",
            "{code-freeze: true, monitoring: \(Self.ticked)}")
        try Self.expectEdit(text, Self.tick("code-freeze"), "{code-freeze: true}", "{code-freeze: \(Self.ticked)}")
        try Self.expectEdit(text, Self.approval, "[]", "[\(Self.alice)]")
        let one = "version: 2.4.0\napprovals: [{by: bob, environment: production}]  # one\n"
        try Self.expectEdit(one, Self.approval, "production}]", "production}, \(Self.alice)]")
    }

    @Test func flowStyleOverSeveralLines() throws {
        let text =
            "version: 2.4.0\nchecklist: {\n  code-freeze: true,  # frozen\n"
            + "  monitoring: {done: false, note: \"dash\"},\n}\n"
        try Self.expectEdit(
            text, Self.tick("user-readiness"), "note: \"dash\"},",
            "note: \"dash\"}, user-readiness: \(Self.ticked),")
        try Self.expectEdit(
            text, Self.tick("monitoring", note: "dash"), "{done: false, note: \"dash\"}",
            "{done: true, note: \"dash\", by: carol, at: \(Self.stamp)}")
        let list = "version: 2.4.0\napprovals: [\n  {by: bob, environment: production},   # bob\n]\n"
        try Self.expectEdit(list, Self.approval, "production},", "production}, \(Self.alice),")
    }

    /// Item 1 of the issue: libyaml ends lines at CR, U+0085 and U+2028 too; the editor agrees with it.
    @Test func crlfFilesStayCRLF() throws {
        let text =
            "# owned by payments\r\nversion: 2.4.0\r\nnotes: \"two\r\n  lines\"\r\nchecklist:\r\n"
            + "  tests-passed: true # CI\r\napprovals:\r\n  - {by: bob, environment: production}\r\n"
        try Self.expectEdit(text, Self.tick("monitoring"), "# CI\r\n", "# CI\r\n  monitoring: \(Self.ticked)\r\n")
        #expect(try Self.edited(text, Self.approval) == text + "  - \(Self.alice)\r\n")
        #expect(
            try Self.edited("version: 2.4.0\r\n", Self.approval)
                == "version: 2.4.0\r\napprovals:\r\n  - \(Self.alice)\r\n")
        try Self.expectEdit(
            "version: 2.4.0\rchecklist:\r  a: false\r", Self.tick("b"), "false\r",
            "false\r  b: \(Self.ticked)\r")
    }

    @Test func unusualLineBreaksInsideValues() throws {
        for breaker in ["\u{2028}", "\u{0085}", "\u{2029}", "\r"] {
            let b = breaker
            let text =
                "version: 2.4.0\nnotes: \"a\(b)b\(b)c\(b)d\"\nowner: \"x\(b)\(b)y\"\n# c\(b)\n"
                + "checklist:\n  tests-passed: true\napprovals:\n"
            try Self.expectEdit(
                text, Self.tick("monitoring"), "tests-passed: true\n",
                "tests-passed: true\n  monitoring: \(Self.ticked)\n")
            #expect(try Self.edited(text, Self.approval) == text + "  - \(Self.alice)\n")
        }
    }

    /// Item 8: anchors stay anchors; what cannot change in place is refused with its line.
    @Test func anchorsAreKeptOrTheEditIsRefusedWithTheLine() throws {
        let text =
            "version: 2.4.0\ndefaults: &on {done: true, by: ci}\nchecklist:\n  code-freeze: *on\n"
            + "  tests-passed: &t true\n  smoke: *t\n  docs: false\n"
        #expect(try Self.edited(text, Self.tick("monitoring")) == text + "  monitoring: \(Self.ticked)\n")
        try Self.expectEdit(text, Self.tick("docs"), "docs: false", "docs: \(Self.ticked)")
        let file = "releases/2.4.0.yaml"
        #expect(
            Self.refusal(text, Self.tick("code-freeze")) == "\(file):4: cannot change checklist.code-freeze "
                + "in place: its value is the alias *on (write the value out to let airlock edit it)")
        #expect(
            Self.refusal(text, Self.tick("tests-passed"))?
                .hasPrefix("\(file):5: cannot change checklist.tests-passed in place: its value is the anchor &t")
                == true)
        let shared = "version: 2.4.0\nchecklist: &list\n  a: true\nlater: *list\n"
        #expect(
            Self.refusal(shared, Self.tick("b"))?
                .hasPrefix("\(file):2: cannot change checklist in place: its value is the anchor &list") == true)
        let aliasedList = "version: 2.4.0\nx: &l []\napprovals: *l\n"
        #expect(Self.refusal(aliasedList, Self.approval)?.hasPrefix("\(file):3: ") == true)
    }

    /// A key that a YAML merge (`<<`) brings in is overridden by a key written before the merge.
    @Test func itemsFromAMergeAreOverriddenBeforeIt() throws {
        let text = "version: 2.4.0\nbase: &base {code-freeze: false}\nchecklist:\n  <<: *base\n  docs: true\n"
        try Self.expectEdit(
            text, Self.tick("code-freeze"), "  <<: *base\n",
            "  code-freeze: \(Self.ticked)\n  <<: *base\n")
    }

    /// The 268 bytes that became 86,903: anchors nested ten deep stay ten lines.
    @Test func aliasesAreNeverExpanded() throws {
        var text = "version: 2.4.0\n# nested anchors\na0: &a0 [x, x]\n"
        for i in 1..<10 { text += "a\(i): &a\(i) [*a\(i - 1), *a\(i - 1)]\n" }
        text += "checklist: {tests-passed: true}  # flow style\n"
        try Self.expectEdit(text, Self.tick("monitoring"), "true}", "true, monitoring: \(Self.ticked)}")
    }
}
