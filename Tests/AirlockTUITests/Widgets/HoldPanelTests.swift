// The environment panel of an auto_promote environment whose auto-promotion is held: who, since when, the way out.
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite("The environment panel shows a hold on auto-promotion")
struct HoldPanelTests {
    @Test(arguments: [120, 40, 24])
    func aHeldEnvironmentSaysByWhomSinceWhenAndHowToResume(width: Int) throws {
        var (s, _) = try demoState()
        let env = try #require(s.snapshot.pipeline?.environments.first)
        s.snapshot.holds[env.name] = AutoPromoteHold(
            by: "bob", at: s.now.addingTimeInterval(-600), reason: "rolled back to 1.0.0")
        let text = EnvironmentPanel(state: s, environment: env).lines(width: width).map(\.text).joined(separator: "\n")
        #expect(text.contains("⏸"), "\(text)")
        #expect(text.contains("held"), "\(text)")
        if width >= 40 { #expect(text.contains("held by bob since "), "\(text)") }
        if width >= 120 { #expect(text.contains("· airlock resume \(env.name)"), "\(text)") }
        s.snapshot.holds = [:]
        let free = EnvironmentPanel(state: s, environment: env).lines(width: width).map(\.text).joined()
        #expect(!free.contains("⏸"))
    }
}
