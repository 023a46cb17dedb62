import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// The event-stream reader of environment files must agree with the tree decoder on every file it accepts,
/// and leave every file with a problem to the tree decoder.
@Suite struct EnvironmentStreamTests {
    func tree(_ text: String) -> (EnvironmentStatus?, [Problem]) {
        guard let node = try? YAMLReader.parse(Array(text.utf8)) else {
            return (nil, [Problem(path: "x", line: nil, message: "yaml")])
        }
        return Decoders.environment(node, path: "environments/x.yaml", mtime: nil)
    }

    func agree(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool? {
        let streamed = EnvironmentStream.decode(Array(text.utf8), mtime: nil)
        let (treeValue, problems) = tree(text)
        if let streamed {
            #expect(problems.isEmpty && treeValue == streamed, "differs for:\n\(text)", sourceLocation: sourceLocation)
            return true
        }
        return false
    }

    @Test func acceptsTheUsualShapes() {
        let files = [
            "version: 2.4.0\n",
            "version: 2.4.0\ndeployed_at: 2026-11-20T14:02:00Z\ndeployed_by: ci\nupdated_at: 2026-11-21T22:40:00Z\n"
                + "health: healthy\n",
            "version: '2.10'\nchecks:\n  - name: http\n    status: passing\n    detail: p99 180ms\n"
                + "  - {name: db, status: warning}\n",
            "version: 2.4.0\nservices:\n  - {name: web, version: 2.4.0, health: healthy, image: x, replicas: 3}\n"
                + "  - name: api\n",
            "version: 2.4.0\nflags: {new-checkout: false, beta: \"on\", empty: ~}\nschema_version: 42\n"
                + "config: {db_pool: 20, ttl: 60s}\n",
            "version: 2.4.0\nchecks: []\nservices: ~\nflags:\nhealth:\nextra: {deep: [1, [2, {x: y}]]}\n",
        ]
        for f in files { #expect(agree(f) == true, "accepted: \(f)") }
    }

    @Test func leavesProblemsToTheTreeDecoder() {
        let files = [
            "health: healthy\n", "version: ~\n", "version: [1]\n", "version: ../x\n", "version: 1\nhealth: great\n",
            "version: 1\nchecks: passing\n", "version: 1\nchecks:\n  - {name: a}\n",
            "version: 1\nchecks:\n  - {status: passing}\n",
            "version: 1\nservices:\n  - {version: 2}\n", "version: 1\nservices:\n  - ~\n",
            "version: 1\nflags: {a: [1]}\n",
            "version: 1\nschema_version: -1\n", "version: 1\nschema_version: many\n",
            "version: 1\ndeployed_at: yesterday\n",
            "version: 1\nversion: 2\n",
            "version: 1\nflags: {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, b: 0}\n",
            "version: 1\nbase: &b {a: 1}\nother: *b\n", "version: !!str 1\n",
            "<<: {version: 1}\n",
            "version: 1\n---\nversion: 2\n", "", "- 1\n", "version: 1\nhealth: [\n",
            "version: 1\nextra: " + String(repeating: "[", count: 150) + String(repeating: "]", count: 150) + "\n",
        ]
        for f in files { #expect(agree(f) == false, "left to the tree: \(f)") }
    }

    @Test func agreesOnEveryFileOfAGeneratedRootAndOnMangledOnes() throws {
        let root = try generatedRoot(["--envs", "8", "--services", "50", "--releases", "20"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        var accepted = 0
        let seed: UInt64 = 0x5EED_0E1F_2026_1122
        print("EnvironmentStreamTests mangled copies seed: \(seed)")
        var rng = FuzzTests.XorShift(state: seed)
        for f in try FileManager.default.contentsOfDirectory(atPath: root + "/environments").sorted() {
            let text = try String(contentsOfFile: root + "/environments/" + f, encoding: .utf8)
            if agree(text) == true { accepted += 1 }
            // Mangled copies: whatever the stream reader accepts must match.
            let alphabet = " :-[]{}#&*!|>'\"\n,~x"
            for copy in mangledCopies(of: text, count: 200, changes: 3, alphabet: alphabet, rng: &rng) {
                _ = agree(copy)
            }
        }
        #expect(accepted == 8, "every generated environment file takes the fast path")
    }
}
