// The dashboard refuses with the core's rule book: the same refusal, word for word, as the command line gets.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct RefusalTests {
    /// The message the core gives `actor` for `command` on the dashboard's snapshot.
    private func coreMessage(_ command: Command, _ s: AppState) -> String? {
        Authorization.check(command, by: s.actor, on: s.snapshot, now: s.now)?.message
    }

    @Test func aBlockedPromotionSaysTheCoresRefusal() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab, .tab)  // production, where 2.4.0 waits for an approval
        let version = try #require(s.selectedPending?.version)
        _ = press(&s, .char("p"))
        let expected = coreMessage(.promote(version: version, to: "production", reason: nil), s)
        #expect(expected != nil)
        #expect(s.message?.text == expected)
        #expect(s.message?.isError == true)
    }

    @Test func aNonApproverHearsTheCoresRefusalForEachAction() throws {
        var (s, _) = try demoState(actor: "mallory")
        _ = press(&s, .tab, .tab, .tab)
        let version = try #require(s.selectedPending?.version)
        _ = press(&s, .char("a"))
        #expect(s.message?.text == coreMessage(.approve(version: version, environment: "production"), s))
        _ = press(&s, .char("r"))
        #expect(s.message?.text == coreMessage(.rollback(environment: "production", to: nil, reason: nil), s))
        #expect(s.message?.text.contains("mallory is not an approver of production") == true)
        #expect(s.overlays.isEmpty)
    }
}
