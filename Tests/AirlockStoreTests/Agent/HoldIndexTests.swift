// Holds read from the whole audit log, however long, kept up to date by a cursor over what is appended.
import AirlockCore
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockStore

@Suite("Holds from the whole audit log")
struct HoldIndexTests {
    static let pipeline = """
        pipeline: shop
        environments:
          - name: development
          - name: qa
            auto_promote: true
          - name: production
        """

    func line(_ action: String, _ actor: String, env: String = "qa", escaped: Bool = false) -> String {
        let name = escaped ? "\\u0068old" : action
        return #"{"at":"2026-11-20T10:00:00Z","actor":"\#(actor)","action":"\#(name)","version":"2.0.0","#
            + #""environment":"\#(env)","reason":"rolled back"}"#
    }

    func filler(_ n: Int) -> String {
        (0..<n).map { i in
            #"{"at":"2026-11-20T10:00:01Z","actor":"ci","action":"approve","version":"2.0.\#(i)","#
                + #""environment":"production"}"#
        }.joined(separator: "\n")
    }

    @Test func aHoldOlderThanTheWindowStillShowsAndAResumeAppendedLiftsIt() {
        let root = TempRoot(["airlock.yaml": Self.pipeline])
        root.write("audit.jsonl", line("hold", "bob") + "\n" + filler(1000) + "\n")
        let loader = RootLoader(root: root.path)
        var snap = loader.load()
        #expect(snap.audit.count == AuditWindow.limit)
        #expect(snap.holds["qa"]?.by == "bob")
        // Appended: read from the cursor.
        root.write("audit.jsonl", (root.read("audit.jsonl") ?? "") + line("resume", "carol") + "\n")
        snap = loader.load()
        #expect(snap.holds["qa"] == nil)
        root.write("audit.jsonl", (root.read("audit.jsonl") ?? "") + filler(10) + "\n" + line("hold", "dave") + "\n")
        snap = loader.load()
        #expect(snap.holds["qa"]?.by == "dave")
    }

    @Test func appendedLinesAreReadFromTheCursorAndARewriteFromTheStart() {
        let root = TempRoot(["airlock.yaml": Self.pipeline])
        root.write("audit.jsonl", line("hold", "bob") + "\n")
        var index = HoldIndex()
        var changed = index.update(root: root.path)
        #expect(changed)
        for i in 0..<5 {
            root.write("audit.jsonl", (root.read("audit.jsonl") ?? "") + filler(i + 1) + "\n")
            changed = index.update(root: root.path)
            #expect(!changed)
        }
        #expect(index.readsFromStart == 1)
        #expect(index.holds["qa"]?.by == "bob")
        root.write("audit.jsonl", (root.read("audit.jsonl") ?? "").replacingOccurrences(of: "bob", with: "bub"))
        changed = index.update(root: root.path)
        #expect(changed)
        #expect(index.readsFromStart == 2)
        #expect(index.holds["qa"]?.by == "bub")
        root.write("audit.jsonl", "")
        changed = index.update(root: root.path)
        #expect(changed)
        #expect(index.holds.isEmpty)
    }

    @Test func aLogRewrittenOrTruncatedIsReadAgainFromItsStart() {
        let root = TempRoot(["airlock.yaml": Self.pipeline])
        root.write("audit.jsonl", line("hold", "bob") + "\n" + filler(300) + "\n")
        let loader = RootLoader(root: root.path)
        #expect(loader.load().holds["qa"]?.by == "bob")
        // Rewritten in place to something longer whose last line before the old end differs: read again.
        root.write("audit.jsonl", filler(400) + "\n")
        #expect(loader.load().holds["qa"] == nil)
        root.write("audit.jsonl", line("hold", "erin") + "\n")
        #expect(loader.load().holds["qa"]?.by == "erin")
    }

    @Test func aHoldSpelledWithEscapesAndOneOnAnEnvironmentWithoutAutoPromoteAreRead() {
        let root = TempRoot(["airlock.yaml": Self.pipeline])
        root.write(
            "audit.jsonl", line("hold", "bob", escaped: true) + "\n" + line("hold", "x", env: "production") + "\n")
        let snap = RootLoader(root: root.path).load()
        #expect(snap.holds["qa"]?.by == "bob")
        // production has no auto_promote: no hold is shown on it.
        #expect(snap.holds["production"] == nil)
    }
}
