// What the wait tells of files that come back and of a request file that cannot be read, and how it refuses a
// version that cannot name a release.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct WaitStoryTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func judge() -> WaitJudge {
        WaitJudge(
            environment: "production", version: "1.1.0", healthy: false, failAfter: 120, timeout: 1800, start: t0)
    }

    @Test func aFileThatComesBackIsToldWithWhatItRuns() {
        var j = judge()
        _ = j.observe(WaitObservation(version: "1.0.0", health: .healthy, updatedAt: t0), now: t0)
        _ = j.observe(WaitObservation(file: .missing, version: nil, health: .unknown), now: t0 + 1)
        let back = j.observe(WaitObservation(version: "1.0.0", health: .healthy, updatedAt: t0 + 2), now: t0 + 2)
        #expect(back.events.first == .fileReturned(version: "1.0.0"))
        #expect(!back.events.contains(.version(from: nil, to: "1.0.0")))
        let line = WaitText.line(.fileReturned(version: "1.0.0"), judge: j, now: t0 + 2)
        #expect(line.hasSuffix("production: environments/production.yaml is back: runs 1.0.0"), "\(line)")
    }

    @Test func aRequestFileThatCannotBeReadIsToldOnceAtTheStart() {
        var j = judge()
        let problem = "promotions/production.yaml: not a regular file"
        let obs = WaitObservation(version: "1.0.0", health: .healthy, updatedAt: t0, requestProblem: problem)
        let first = j.observe(obs, now: t0)
        #expect(first.events.last == .requestProblem(problem))
        #expect(j.observe(obs, now: t0 + 1).events.isEmpty)
        let line = WaitText.line(.requestProblem(problem), judge: j, now: t0)
        #expect(line.hasSuffix("production: \(problem) (still waiting)"), "\(line)")
    }

    @Test func aRequestFileThatBreaksMeanwhileIsToldOnce() {
        var j = judge()
        let fine = WaitObservation(version: "1.0.0", health: .healthy, updatedAt: t0)
        _ = j.observe(fine, now: t0)
        var broken = fine
        broken.requestProblem = "promotions/production.yaml:1: bad YAML"
        #expect(j.observe(broken, now: t0 + 1).events == [.requestProblem("promotions/production.yaml:1: bad YAML")])
        #expect(j.observe(broken, now: t0 + 2).events.isEmpty)
        #expect(j.observe(fine, now: t0 + 3).events.isEmpty)
    }

    @Test func aVersionThatCannotNameAReleaseIsRefusedAsPromoteDoes() {
        var s = Snapshot()
        s.pipeline = Pipeline(name: "shop", environments: [EnvironmentConfig(name: "production")])
        let refusal = WaitJudge.refusal(version: "../x", environment: "production", in: s)
        #expect(refusal?.kind == .badInput)
        #expect(refusal?.message.contains("\"../x\" is not a valid version") == true, "\(String(describing: refusal))")
    }
}
