import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockStore

/// The scanner of the plain block shape must give exactly libyaml's events for every file it accepts, decline
/// everything outside its shape, and accept the files CI and airlock write.
@Suite struct PlainYAMLTests {
    /// true: accepted with libyaml's events; false: declined (a difference is recorded as an issue).
    func agree(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let bytes = Array(text.utf8)
        guard let plain = YAMLEventReader.eventList(bytes, plain: true) else { return false }
        let reference = YAMLEventReader.eventList(bytes, plain: false)
        #expect(
            plain == reference,
            "differs for:\n\(text)\nplain:   \(plain)\nlibyaml: \(reference.map { "\($0)" } ?? "refused")",
            sourceLocation: sourceLocation)
        return true
    }

    @Test func acceptsThePlainBlockShape() {
        let files = [
            "version: 2.4.1\n",
            "version: 2.4.1",
            "version: 2.4.1\ndeployed_at: 2026-11-20T14:02:00Z\nnotes: release 2.4.1, with 10 changes (a=b)\n",
            "checks:\n  - name: http\n    status: passing\n    detail: p99 180ms\n  - name: db\n    status: warning\n",
            "checks:\n  -   name: http\n      status: passing\n",
            "services:\n  - {name: web, version: 2.4.0, health: healthy}\n  - {}\n  - [a, b c, 10:30]\n  - []\n",
            "flags: {new-checkout: false, beta: on}\nconfig:\n  db_pool: 20\n  ttl: 60s\n  url: http://x/y\n",
            "checklist:\n  rollback-plan: {done: false, by: bob, at: 2026-11-22T18:59:38Z}\n  code-freeze: true\n",
            "a:\nb:\n  c:\n  d:\n    - x\n    - y: 1\n      z:\n    - /path/.x_y\n",
            "- a\n- b:\n    - c\n", "a: [x,y]\nb: {k: v,  l:   w}\n", "a: b -c\n", "a: null\nb: x~\n", "a: b:c\n",
        ]
        for f in files { #expect(agree(f), "accepted: \(f)") }
    }

    @Test func declinesEverythingElse() {
        let files = [
            "", "\n", "a: 'x'\n", "a: \"x\"\n", "a: x # note\n", "# top\na: x\n", "a: x\n\nb: y\n", "a: x \n",
            "a:\tx\n", "a: x\r\n", "a: é\n", "a: &x 1\n", "a: *x\n", "a: !!str 1\n", "a: |\n  x\n", "a: >\n  x\n",
            "a: x\n  continued\n", "a:\n- x\n", "a:x\n", "a: b: c\n", "a: b:\n", "- \n", "-\n", "- - x\n",
            "a: {b: c,}\n", "a: {b: [c]}\n", "a: {b}\n", "a: {b: c} d\n", "a: {b: c d }\n", "a: [b: c]\n",
            "a: [b,\n  c]\n", "---\na: 1\n", "a: 1\n...\n", "%YAML 1.1\n---\na: 1\n", " a: 1\n", "a: 1\n b: 2\n",
            "a:\n    b: 1\n  c: 2\n", "a:\n  - x\n b: 1\n", "? a\n: b\n", "a: ~\n", "a: -1\n", "a: x\n-b: 1\n",
            "a: [x]]\n", "list:\n- 1\n", "a: -\n", "a: ~x\n", "a: {b: c:}\n", "a: {b: c:, d: e}\n",
            String(repeating: "k", count: 1200) + ": v\n",
            (0..<50).map { String(repeating: " ", count: $0) + "k:\n" }.joined() + String(repeating: " ", count: 50)
                + "v: 1\n",
        ]
        for f in files { #expect(!agree(f), "declined: \(f.debugDescription)") }
    }

    @Test func acceptsEveryFileOfAGeneratedRootAndAgreesOnMangledOnes() throws {
        let root = try generatedRoot(["--envs", "4", "--services", "40", "--releases", "20"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let seed: UInt64 = 0x5EED_91A1_0A4D_1123
        print("PlainYAMLTests mangled copies seed: \(seed)")
        var rng = FuzzTests.XorShift(state: seed)
        var files = 0
        for dir in ["environments", "releases"] {
            for f in try FileManager.default.contentsOfDirectory(atPath: root + "/" + dir).sorted() {
                let text = try String(contentsOfFile: root + "/" + dir + "/" + f, encoding: .utf8)
                #expect(agree(text), "the plain shape covers \(dir)/\(f)")
                files += 1
                let alphabet = " :-[]{},\nx0./"
                for copy in mangledCopies(of: text, count: 60, changes: 2, alphabet: alphabet, rng: &rng) {
                    _ = agree(copy)
                }
            }
        }
        #expect(files == 24)
    }
}
