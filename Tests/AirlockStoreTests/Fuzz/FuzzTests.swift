import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// Mangled status files never crash or hang the reader: each is a value or a problem with its path.
@Suite struct FuzzTests {
    typealias XorShift = SeededRandom

    static let samples = [
        "version: 2.4.0\ndeployed_at: 2026-11-20T14:02:00Z\nhealth: healthy\n"
            + "checks:\n  - {name: http, status: passing, detail: p99 180ms}\n"
            + "services:\n  - {name: web, version: 2.4.0, health: healthy}\n"
            + "flags: {new-checkout: false}\nschema_version: 42\nconfig: {db_pool: 20}\n",
        "version: 2.4.1\ncreated_at: 2026-11-18T10:00:00Z\nnotes: |\n  multi\n  line\n"
            + "checklist:\n  code-freeze: {done: true, by: alice, at: 2026-11-18T11:00:00Z}\n  feature-complete: true\n"
            + "approvals:\n  - {by: alice, environment: production, at: 2026-11-21T09:00:00Z}\n",
        "a: &x [1, 2, {b: *x}]\nc: *x\n'quoted': \"dq \\u00e9\"\n? complex\n: value\n",
    ]

    /// A decoder's outcome on one mangled file: it must give a value or name a problem, and only in that file.
    static func brokenPromise(_ path: String, _ value: Any?, _ problems: [Problem]) -> String? {
        if value == nil && problems.isEmpty { return "\(path): neither a value nor a problem" }
        if let stray = problems.first(where: { $0.path != path }) { return "\(path): a problem in \(stray.path)" }
        return nil
    }

    @Test func mangledFilesAreProblemsNotCrashes() {
        let seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        print("FuzzTests.mangledFilesAreProblemsNotCrashes seed: \(seed)")
        var rng = XorShift(state: seed)
        let alphabet: [UInt8] =
            Array(" \n\t:-[]{}&*!|>'\"#%@`,?\\0123456789abcxyz".utf8) + [0x00, 0x1B, 0xC3, 0xFF, 0xE2, 0x80]
        var parsed = 0
        var refused = 0
        var broken: [String] = []
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
                let environment = Decoders.environment(node, path: "environments/x.yaml", mtime: nil)
                let release = Decoders.release(node, path: "releases/2.4.1.yaml", stem: "2.4.1")
                let pipeline = Decoders.pipeline(node, path: "airlock.yaml")
                let promotion = Decoders.promotion(node, path: "promotions/x.yaml")
                let outcomes = [
                    Self.brokenPromise("environments/x.yaml", environment.0, environment.1),
                    Self.brokenPromise("releases/2.4.1.yaml", release.0, release.1),
                    Self.brokenPromise("airlock.yaml", pipeline.0, pipeline.1),
                    Self.brokenPromise("promotions/x.yaml", promotion.0, promotion.1),
                ]
                broken += outcomes.compactMap { $0.map { "round \(round): \($0)" } }
                parsed += 1
            } catch {
                let lines = bytes.filter { $0 == 0x0A }.count + 1
                if error.message.isEmpty || (error.line.map { $0 < 1 || $0 > lines } ?? false) {
                    broken.append("round \(round): refused with line \(error.line ?? 0) of \(lines): \(error.message)")
                }
                refused += 1
            }
        }
        #expect(broken.isEmpty, "\(broken.count) rounds broke the promise, first: \(broken.prefix(3))")
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
