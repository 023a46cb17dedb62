// The messages the runtime sends instead of changing the state itself, theme cycling, and one action at a time.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct RuntimeMessageTests {
    @Test func aLookThatFoundNothingNewMovesOnlyTheReadTime() throws {
        var (s, _) = try demoState()
        let later = s.now.addingTimeInterval(5)
        var expected = s
        expected.lastRead = later
        #expect(Update.update(&s, .readUnchanged(at: later)).isEmpty)
        #expect(s == expected)
    }

    @Test func noticesGoToTheStatusLine() throws {
        var (s, _) = try demoState()
        _ = Update.update(&s, .notice("demo CI: built 2.5.0-rc.2", isError: false))
        #expect(s.message == StatusMessage(text: "demo CI: built 2.5.0-rc.2", isError: false, at: s.now))
        _ = Update.update(&s, .notice("stopping the hook deploy…", isError: true))
        #expect(s.message?.isError == true && s.message?.text == "stopping the hook deploy…")
    }

    @Test func syncAndWatchModeAreMessages() throws {
        var (s, _) = try demoState()
        #expect(!s.syncEnabled && s.watchMode == .inotify)
        _ = Update.update(&s, .syncStarted)
        #expect(s.syncEnabled && s.syncedAt == nil)
        _ = Update.update(&s, .watchMode(.polling(interval: 0.5)))
        #expect("\(s.watchMode)" == "polling 0.5s")
    }

    @Test func updateChoosesTheNextThemeAndHearsHowLoadingWent() throws {
        var (s, _) = try demoState()
        s.themeNames = ["default", "dark", "light"]
        #expect(press(&s, .char("t")) == [.nextTheme])
        #expect(s.themeName == "dark")
        _ = Update.update(&s, .themeChanged(name: "dark", error: nil))
        #expect(s.message?.text == "theme: dark" && s.message?.isError == false)
        _ = press(&s, .char("t"))
        // light is broken: said as an error, and the next t moves past it.
        _ = Update.update(&s, .themeChanged(name: "light", error: "theme light: line 3: unknown role"))
        #expect(s.message?.isError == true && s.themeName == "light")
        _ = press(&s, .char("t"))
        #expect(s.themeName == "default", "wraps around")
        s.noColor = true
        _ = Update.update(&s, .themeChanged(name: "default", error: nil))
        #expect(s.message?.text == "theme: default (NO_COLOR is set: monochrome)")
    }

    @Test func anUnknownThemeNameStartsTheCycleAtTheFirst() throws {
        var (s, _) = try demoState()
        s.themeNames = ["a", "b"]
        s.themeName = "from-a-path"
        _ = press(&s, .char("t"))
        #expect(s.themeName == "a")
    }

    @Test func aSecondConfirmedActionWaitsForTheFirstsResult() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab, .char("p"))  // staging: 2.4.1 is ready
        #expect(press(&s, .char("y")) == [.perform(.promote(version: "2.4.1", to: "staging"))])
        #expect(s.busy)
        // The demo's news is not the action's result.
        _ = Update.update(&s, .notice("demo CD: qa now runs 2.5.0-rc.1", isError: false))
        #expect(s.busy)
        _ = press(&s, .tab, .char("a"))  // production: alice approves 2.4.0
        guard case .confirm? = s.overlays.last else {
            Issue.record("no dialog: \(String(describing: s.message))")
            return
        }
        #expect(press(&s, .char("y")).isEmpty, "refused while the promotion runs")
        #expect(s.message?.isError == true && s.message?.text.contains("still running") == true)
        #expect(s.overlays.count == 1, "the dialog stays to confirm later")
        _ = Update.update(&s, .actionDone(message: "promoted", isError: false))
        #expect(!s.busy)
        #expect(press(&s, .char("y")) == [.perform(.approve(version: "2.4.0", environment: "production"))])
    }

    @Test func checklistTicksQueueBehindARunningAction() throws {
        var (s, _) = try demoState()
        s.busy = true
        _ = press(&s, .tab, .tab, .tab, .char("c"))
        #expect(press(&s, .char(" ")) == [.perform(.setItem(version: "2.4.0", item: "code-freeze", done: false))])
    }
}
