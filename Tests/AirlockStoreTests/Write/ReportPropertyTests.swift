// A report on mangled environment files and odd values: refused as bad input, or a file that reads back valid
// with every key it was not told about kept.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct ReportPropertyTests {
    static let seedFile =
        "version: 2.4.0\ndeployed_at: 2026-11-20T14:02:00Z\nhealth: healthy\nowner: &o team\nalias: *o\n"
        + "checks:\n  - {name: http, status: passing, detail: p99 180ms, runbook: r}\n"
        + "services:\n  - {name: web, version: 2.4.0, health: healthy}\n"
        + "flags: {new-checkout: false}\nschema_version: 42\nconfig: {db_pool: 20, ratio: '1.5'}\n"
        + "x: {y: [1, {z: null}]}\n"

    @Test func mangledFilesAndOddValuesAreRefusedOrReadBackValid() throws {
        let seed: UInt64 = 0xA1B2_C3D4_E5F6_0718
        print("ReportPropertyTests seed: \(seed)")
        var rng = SeededRandom(state: seed)
        let root = TempRoot(["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n"])
        let alphabet = Array(" \n:-[]{}&*!|>'\"#,?0123456789abcxyz".utf8) + [0xC3, 0xA9, 0x0D]
        let values = ["2.5.0", "true", "007", "a: b", "#x", "null", "ünï", "- d", "", "1.5", "x y", "[1]", "~"]
        var written = 0
        var refused = 0
        for round in 0..<400 {
            var bytes = Array(Self.seedFile.utf8)
            for _ in 0..<Int(rng.next() % 4) where !bytes.isEmpty {
                let at = Int(rng.next() % UInt64(bytes.count))
                bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            root.writeBytes("environments/qa.yaml", bytes)
            var change = ReportChange(environment: "qa")
            func pick() -> String { values[Int(rng.next() % UInt64(values.count))] }
            if rng.next() % 2 == 0 { change.version = pick() }
            if rng.next() % 3 == 0 { change.checks = ["\(pick())=passing:\(pick())", "http=failing"] }
            if rng.next() % 3 == 0 { change.flags = ["\(pick())=\(pick())"] }
            if rng.next() % 3 == 0 { change.config = ["db_pool=\(pick())", "\(pick())=\(pick())"] }
            if rng.next() % 4 == 0 { change.services = ["web=\(pick()):down"] }
            let planner = Planning.report(change, actor: "ci", root: root.path)
            let plan: Plan
            do throws(OperationError) {
                plan = try planner(root.load(), Date())
            } catch {
                refused += 1
                #expect(error.kind == .badInput, "round \(round): \(error.message)")
                #expect(isPrintable(error.message) && !error.message.contains("\n"))
                continue
            }
            do {
                written += 1
                let text = try #require(plan.writes.first?.text)
                let node = try YAMLReader.parse(Array(text.utf8))
                let (status, problems) = Decoders.environment(node, path: "environments/qa.yaml", mtime: nil)
                #expect(problems == [] && status != nil, "round \(round): \(text)")
                if case .mapping(let before, _)? = try? YAMLReader.parse(bytes), case .mapping(let after, _)? = node {
                    let kept = Set(after.map(\.key))
                    #expect(before.allSatisfy { kept.contains($0.key) }, "round \(round): a key was dropped")
                }
            }
        }
        #expect(written > 100 && refused > 20, "written \(written), refused \(refused)")
    }
}
