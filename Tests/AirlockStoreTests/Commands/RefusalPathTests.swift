import AirlockTestSupport
// The store refuses with Authorization's one message: a rule broken there fails here too (and nothing is written).
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct RefusalPathTests {
    /// Commands the rules refuse on the shop root, with who runs them.
    let refused: [(Command, String, Bool)] = [
        (.promote(version: "2.4.0", to: "production", reason: nil), "mallory", true),
        (.promote(version: "2.4.0", to: "production", reason: nil), "alice", true),
        (.promote(version: "2.4.1", to: "qa", reason: nil), "alice", true),
        (.promote(version: "2.5.0", to: "development", reason: nil), "alice", true),
        (.promote(version: "2.4.0", to: "moon", reason: nil), "alice", true),
        (.approve(version: "2.4.0", environment: "production"), "mallory", true),
        (.approve(version: "9.9.9", environment: "production"), "alice", true),
        (.setItem(version: "2.4.0", item: "approval", done: true, note: nil), "alice", true),
        (.setItem(version: "2.4.0", item: "bogus", done: true, note: nil), "alice", true),
        (.rollback(environment: "production", to: "2.3.0", reason: nil), "alice", true),
        (.rollback(environment: "production", to: "2.4.0", reason: nil), "mallory", true),
    ]

    func refusal(_ store: Store, _ command: Command, _ actor: String, _ confirmed: Bool) -> OperationError? {
        do throws(OperationError) {
            _ = try store.run(command, actor: actor, confirmed: confirmed)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyRefusalIsAuthorizationsAndChangesNothing() throws {
        let root = shopRoot()
        let store = Store(root: root.path)
        let before = root.fingerprint()
        for (command, actor, confirmed) in refused {
            let snap = store.snapshot()
            let history = RunHistory(environment: "production", current: "2.3.0")
            let expected = try #require(
                Authorization.check(
                    command, by: actor, on: snap, now: Date(), confirmed: confirmed,
                    history: command.name == "rollback" ? history : nil),
                "\(command) by \(actor) is allowed by Authorization")
            let error = try #require(refusal(store, command, actor, confirmed), "\(command) by \(actor) ran")
            #expect(error.message == expected.message, "\(command) by \(actor)")
            #expect(error.exitCode == (expected.kind == .badInput ? 2 : 1))
            #expect(error.blockers == expected.blockers)
        }
        #expect(root.fingerprint() == before)
    }

    @Test func theRunnerRunsTheHookOnlyAfterARecordedChange() throws {
        let root = shopRoot()
        root.write(
            "airlock.yaml",
            (root.read("airlock.yaml") ?? "") + "\nhooks:\n  promote: [deploy, \"{environment}\", \"{version}\"]\n")
        let runner = CommandRunner(store: Store(root: root.path))
        var heard: [String] = []
        let outcome = try runner.run(
            .promote(version: "2.4.1", to: "staging", reason: nil), actor: "alice", confirmed: false,
            recorded: { heard.append("recorded: \($0.message)") },
            runHook: { argv in
                heard.append("hook: " + argv.joined(separator: " "))
                return "hook deploy exited with status 1"
            })
        #expect(heard == ["recorded: requested 2.4.1: qa -> staging", "hook: deploy staging 2.4.1"])
        #expect(outcome.hookFailure == "hook deploy exited with status 1")
        #expect(outcome.result.changed)
        heard = []
        #expect(throws: OperationError.self) {
            _ = try runner.run(
                .promote(version: "2.4.0", to: "production", reason: nil), actor: "mallory", confirmed: true,
                recorded: { heard.append("recorded: \($0.message)") },
                runHook: { _ in
                    heard.append("hook")
                    return nil
                })
        }
        #expect(heard.isEmpty)
    }
}
