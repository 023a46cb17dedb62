// Bad shapes of `facts:` in airlock.yaml: each a problem naming the path and line; nothing else lost.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite("Hostile input: environment facts")
struct HostileFactsTests {
    func load(_ facts: String) -> Snapshot {
        TempRoot([
            "airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n    facts:\n" + facts + "  - name: production\n"
        ]).load()
    }

    func expectProblem(_ snap: Snapshot, line: Int, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let hit = snap.problems.contains { $0.path == "airlock.yaml" && $0.line == line && $0.message.contains(text) }
        #expect(hit, "expected airlock.yaml:\(line): …\(text)… in \(snap.problems)", sourceLocation: sourceLocation)
    }

    @Test func aListAsAFactIsAProblemAndTheOthersStay() {
        let snap = load("      data: synthetic\n      owners: [ann, bo]\n      url: x\n")
        expectProblem(snap, line: 6, "qa.facts.owners: expected one value (text), found a list")
        #expect(snap.pipeline?.environment(named: "qa")?.facts.map(\.name) == ["data", "url"])
        #expect(snap.pipeline?.environments.count == 2)
    }

    @Test func aMapAsAFactIsAProblem() {
        let snap = load("      access:\n        who: ops\n")
        expectProblem(snap, line: 6, "qa.facts.access: expected one value (text), found a mapping (facts are flat)")
    }

    @Test func factsAsAListOrTextIsAProblem() {
        expectProblem(load("      - data\n"), line: 5, "qa.facts: expected a mapping")
        let text = TempRoot(["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n    facts: lots\n"]).load()
        expectProblem(text, line: 4, "qa.facts: expected a mapping")
    }

    @Test func anEmptyValueIsAProblem() {
        expectProblem(load("      owner:\n      data: x\n"), line: 5, "qa.facts.owner: expected text, found nothing")
        let quoted = load("      owner: \"\"\n      url: \"  \"\n      data: x\n")
        expectProblem(quoted, line: 5, "qa.facts.owner: expected text, found an empty value")
        expectProblem(quoted, line: 6, "qa.facts.url: expected text, found an empty value")
        #expect(quoted.pipeline?.environment(named: "qa")?.facts.map(\.name) == ["data"])
    }

    @Test func aNamelessFactIsAProblem() {
        expectProblem(load("      \"\": nameless\n      data: x\n"), line: 5, "qa.facts: a fact needs a name")
    }

    @Test func escapeSequencesAndHugeValuesAreKeptAsTextForTheScreensToSanitize() {
        let huge = String(repeating: "x", count: 100_000)
        let snap = load("      data: \"\\e[31mred\\x07\"\n      big: \(huge)\n")
        #expect(snap.problems.isEmpty)
        let facts = snap.pipeline?.environment(named: "qa")?.facts ?? []
        #expect(facts.first?.value == "\u{1B}[31mred\u{07}")
        #expect(facts.last?.value.count == 100_000)
    }

    @Test func tooManyFactsAreCut() {
        let many = (0..<70).map { "      k\($0): v\n" }.joined()
        let snap = load(many)
        expectProblem(snap, line: 4 + 65, "qa.facts: more than 64 facts")
        #expect(snap.pipeline?.environment(named: "qa")?.facts.count == 64)
    }
}
