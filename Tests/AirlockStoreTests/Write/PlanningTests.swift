// Planning is pure: from a snapshot and the text it edits (given, not read from disk), the files and audit line.
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct PlanningTests {
    let at = Date(timeIntervalSince1970: 1_795_000_000)

    func snapshot() -> Snapshot {
        let production = EnvironmentConfig(
            name: "production", protected: true, approvers: ["alice", "bob"], requiredApprovals: 2)
        var s = Snapshot(pipeline: Pipeline(name: "p", environments: [EnvironmentConfig(name: "staging"), production]))
        s.environments = [
            "staging": EnvironmentStatus(version: "2.4.0", updatedAt: at, health: .healthy),
            "production": EnvironmentStatus(version: "2.3.0", updatedAt: at, health: .healthy),
        ]
        s.releases = ["2.3.0": Release(version: "2.3.0"), "2.4.0": Release(version: "2.4.0")]
        return s
    }

    /// Inputs that hand over `release` as the release file's text and `history` as what the log says.
    func inputs(release: String = "", history: RunHistory? = nil, asked: Box) -> PlanInputs {
        PlanInputs(
            releaseBytes: { (version: String) throws(OperationError) -> [UInt8] in
                asked.items.append("release \(version)")
                return Array(release.utf8)
            },
            runHistory: { (env: String, current: String, _) throws(OperationError) -> RunHistory in
                asked.items.append("history \(env) \(current)")
                return history ?? RunHistory(environment: env, current: current)
            })
    }

    final class Box { var items: [String] = [] }

    @Test func anApprovalEditsTheGivenTextAndNamesItsBase() throws {
        let asked = Box()
        let planner = Planning.planner(
            for: .approve(version: "2.4.0", environment: "production"), actor: "alice", confirmed: true,
            inputs: inputs(release: "version: 2.4.0\n", asked: asked))
        let plan = try planner(snapshot(), at)
        #expect(asked.items == ["release 2.4.0"])
        let write = try #require(plan.writes.first)
        #expect(write.path == "releases/2.4.0.yaml" && write.base == Array("version: 2.4.0\n".utf8))
        #expect(write.text.contains("approvals:") && write.text.contains("by: alice"))
        #expect(plan.entry?.action == .approve && plan.result.message == "alice approved 2.4.0 for production (1/2)")
    }

    @Test func aRollbackAsksTheHistoryAndWritesTheRequest() throws {
        var history = RunHistory(environment: "production", current: "2.4.0")
        history.add(
            AuditEntry(
                at: at, actor: "a", action: .promote, version: "2.4.0", environment: "production", previous: "2.3.0"))
        var snap = snapshot()
        snap.environments["production"]?.version = "2.4.0"
        let asked = Box()
        let planner = Planning.planner(
            for: .rollback(environment: "production", to: nil, reason: "bad"), actor: "bob", confirmed: true,
            inputs: inputs(history: history, asked: asked))
        let plan = try planner(snap, at)
        #expect(asked.items == ["history production 2.4.0"])
        #expect(plan.writes.map(\.path) == ["promotions/production.yaml"])
        #expect(plan.entry?.version == "2.3.0" && plan.entry?.previous == "2.4.0" && plan.entry?.reason == "bad")
        #expect(plan.result.message == "requested rollback of production: 2.4.0 -> 2.3.0")
    }

    @Test func aRefusedCommandReadsNothing() {
        let asked = Box()
        let planner = Planning.planner(
            for: .approve(version: "2.4.0", environment: "production"), actor: "mallory", confirmed: true,
            inputs: inputs(asked: asked))
        #expect(throws: OperationError.self) { _ = try planner(snapshot(), at) }
        #expect(asked.items.isEmpty)
    }
}
