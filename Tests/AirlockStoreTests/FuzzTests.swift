import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// Mangled status files never crash or hang the reader: each is a value or a problem with its path.
@Suite struct FuzzTests {
    struct XorShift: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    static let samples = [
        "version: 2.4.0\ndeployed_at: 2026-11-20T14:02:00Z\nhealth: healthy\nchecks:\n  - {name: http, status: passing, detail: p99 180ms}\nservices:\n  - {name: web, version: 2.4.0, health: healthy}\nflags: {new-checkout: false}\nschema_version: 42\nconfig: {db_pool: 20}\n",
        "version: 2.4.1\ncreated_at: 2026-11-18T10:00:00Z\nnotes: |\n  multi\n  line\nchecklist:\n  code-freeze: {done: true, by: alice, at: 2026-11-18T11:00:00Z}\n  feature-complete: true\napprovals:\n  - {by: alice, environment: production, at: 2026-11-21T09:00:00Z}\n",
        "a: &x [1, 2, {b: *x}]\nc: *x\n'quoted': \"dq \\u00e9\"\n? complex\n: value\n",
    ]

    @Test func mangledFilesAreProblemsNotCrashes() {
        var rng = XorShift(state: 0x9E37_79B9_7F4A_7C15)
        let alphabet: [UInt8] =
            Array(" \n\t:-[]{}&*!|>'\"#%@`,?\\0123456789abcxyz".utf8) + [0x00, 0x1B, 0xC3, 0xFF, 0xE2, 0x80]
        var parsed = 0
        var refused = 0
        for round in 0..<3000 {
            var bytes = Array(Self.samples[round % Self.samples.count].utf8)
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                guard !bytes.isEmpty else { break }
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng) ?? 0
                case 1: bytes.insert(alphabet.randomElement(using: &rng) ?? 0, at: i)
                case 2: bytes.remove(at: i)
                default: bytes.insert(contentsOf: bytes[i..<min(bytes.count, i + 12)], at: i)
                }
            }
            do {
                let node = try YAMLReader.parse(bytes)
                _ = Decoders.environment(node, path: "environments/x.yaml", mtime: nil)
                _ = Decoders.release(node, path: "releases/2.4.1.yaml", stem: "2.4.1")
                _ = Decoders.pipeline(node, path: "airlock.yaml")
                _ = Decoders.promotion(node, path: "promotions/x.yaml")
                parsed += 1
            } catch {
                #expect(!error.message.isEmpty)
                refused += 1
            }
        }
        #expect(parsed + refused == 3000)
        #expect(parsed > 100 && refused > 100, "both paths exercised: \(parsed) parsed, \(refused) refused")
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: YAMLReadError.self) { try YAMLReader.parse(Array(deep.utf8)) }
    }

    @Test func multipleDocumentsAreAProblem() {
        do {
            _ = try YAMLReader.parse(Array("version: 1\n---\nversion: 2\n".utf8))
            Issue.record("expected a problem")
        } catch {
            #expect(error.message.contains("one YAML document") && error.line == 2)
        }
    }
}
