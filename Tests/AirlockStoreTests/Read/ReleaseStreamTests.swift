import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// The event-stream reader of release files must agree with the tree decoder on every file it accepts,
/// and leave every file with a problem to the tree decoder.
@Suite struct ReleaseStreamTests {
    func tree(_ text: String, stem: String) -> (Release?, [Problem]) {
        guard let node = try? YAMLReader.parse(Array(text.utf8)) else {
            return (nil, [Problem(path: "x", line: nil, message: "yaml")])
        }
        return Decoders.release(node, path: "releases/\(stem).yaml", stem: stem)
    }

    func agree(_ text: String, stem: String = "2.4.1", sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let streamed = ReleaseStream.decode(Array(text.utf8), stem: stem)
        let (treeValue, problems) = tree(text, stem: stem)
        if let streamed {
            #expect(problems.isEmpty && treeValue == streamed, "differs for:\n\(text)", sourceLocation: sourceLocation)
            return true
        }
        return false
    }

    @Test func acceptsTheUsualShapes() {
        let files = [
            "version: 2.4.1\n",
            "version: '2.4.1'\ncreated_at: 2026-11-20T14:02:00Z\ncreated_by: ci\nnotes: |\n  two lines\n  of notes\n"
                + "schema_version: 42\n",
            "version: 2.4.1\nchecklist:\n  qa-signoff: true\n  load-test: no\n  docs: ~\n"
                + "  rollback-plan: {done: yes, by: bob, at: 2026-11-22T18:59:38Z, note: \"tested\", extra: [1]}\n"
                + "  pending: {done: ~, at: not-a-time, by: [x]}\n",
            "version: 2.4.1\napprovals:\n  - {by: carol, environment: production, at: 2026-11-22T19:59:38Z}\n"
                + "  - by: dave\n    environment: staging\n    why: {deep: [1]}\n  - ~\n",
            "version: 2.4.1\nchecklist: ~\napprovals: []\nschema_version:\nextra: {a: [1, {b: c}]}\n'<<': x\n",
        ]
        for f in files { #expect(agree(f), "accepted: \(f)") }
        let full = ReleaseStream.decode(Array(files[2].utf8), stem: "2.4.1")
        #expect(full?.checklist.keys.sorted() == ["load-test", "qa-signoff", "rollback-plan"])
        #expect(
            full?.checklist["rollback-plan"]
                == ChecklistEntry(
                    done: true, by: "bob", at: TimeFormat.parseTimestamp("2026-11-22T18:59:38Z"), note: "tested"))
        #expect(ReleaseStream.decode(Array(files[3].utf8), stem: "2.4.1")?.approvals.map(\.by) == ["carol", "dave"])
    }

    @Test func leavesProblemsToTheTreeDecoder() {
        let files = [
            "notes: x\n", "version: ~\n", "version: [1]\n", "version: 2.4.2\n", "version: 2.4.1\nversion: 2.4.1\n",
            "version: 2.4.1\ncreated_at: yesterday\n", "version: 2.4.1\ncreated_by: [a]\n",
            "version: 2.4.1\nschema_version: -1\n", "version: 2.4.1\nschema_version: [1]\n",
            "version: 2.4.1\nchecklist: yes\n", "version: 2.4.1\nchecklist: [a]\n",
            "version: 2.4.1\nchecklist: {a: maybe}\n", "version: 2.4.1\nchecklist: {a: 'true'}\n",
            "version: 2.4.1\nchecklist: {a: [true]}\n", "version: 2.4.1\nchecklist: {a: {by: bob}}\n",
            "version: 2.4.1\nchecklist: {a: {done: 'yes'}}\n",
            "version: 2.4.1\nchecklist: {a: {done: true, by: [x]}}\n",
            "version: 2.4.1\nchecklist: {a: {done: true, at: soon}}\n",
            "version: 2.4.1\nchecklist: {a: {done: true, at: {x: 1}}}\n",
            "version: 2.4.1\nchecklist: {a: {done: true, done: false}}\n",
            "version: 2.4.1\napprovals: bob\n", "version: 2.4.1\napprovals: [bob]\n",
            "version: 2.4.1\napprovals: [{by: bob}]\n", "version: 2.4.1\napprovals: [{environment: qa}]\n",
            "version: 2.4.1\napprovals: [{by: ~, environment: qa}]\n",
            "version: 2.4.1\napprovals: [{by: bob, environment: qa, at: later}]\n",
            "version: 2.4.1\napprovals: [[bob]]\n",
            "version: !!str 2.4.1\n", "version: 2.4.1\nbase: &b {a: 1}\nother: *b\n", "<<: {version: 2.4.1}\n",
            "version: 2.4.1\n---\nversion: 2.4.1\n", "", "- 2.4.1\n", "version: 2.4.1\nnotes: [\n",
            "version: 2.4.1\nextra: " + String(repeating: "[", count: 150) + String(repeating: "]", count: 150) + "\n",
        ]
        for f in files { #expect(!agree(f), "left to the tree: \(f)") }
    }

    @Test func agreesOnEveryFileOfAGeneratedRootAndOnMangledOnes() throws {
        let root = try generatedRoot(["--envs", "4", "--services", "5", "--releases", "30"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        var accepted = 0
        let seed: UInt64 = 0x5EED_2E1E_A5E0_1123
        print("ReleaseStreamTests mangled copies seed: \(seed)")
        var rng = FuzzTests.XorShift(state: seed)
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/releases").sorted()
        for f in names {
            let stem = String(f.dropLast(5))
            let text = try String(contentsOfFile: root + "/releases/" + f, encoding: .utf8)
            if agree(text, stem: stem) { accepted += 1 }
            // Mangled copies: whatever the stream reader accepts must match.
            let alphabet = " :-[]{}#&*!|>'\"\n,~xy0"
            for copy in mangledCopies(of: text, count: 100, changes: 2, alphabet: alphabet, rng: &rng) {
                _ = agree(copy, stem: stem)
            }
        }
        #expect(names.count == 30 && accepted == 30, "every generated release file takes the fast path")
    }

    /// A release file the stream reader declines still loads, with the tree decoder's problem and line.
    @Test func aRootLoadsTheSameEitherWay() {
        let root = shopRoot()
        root.write("releases/2.4.1.yaml", "version: 2.4.1\nchecklist:\n  qa-signoff: {done: true, by: [x]}\n")
        #expect(root.load().problems.contains { $0.path == "releases/2.4.1.yaml" && $0.line == 3 })
        root.write("releases/2.4.1.yaml", "version: 2.4.1\nchecklist:\n  qa-signoff: {done: true, by: qa}\n")
        let snap = root.load()
        #expect(snap.problems.isEmpty)
        #expect(snap.releases["2.4.1"]?.checklist["qa-signoff"] == ChecklistEntry(done: true, by: "qa"))
    }
}
