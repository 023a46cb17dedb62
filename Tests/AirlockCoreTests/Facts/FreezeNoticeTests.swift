// Freezes worth showing: active now, or starting within a week.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct FreezeNoticeTests {
    func pipeline(_ freezes: [Freeze]) -> Pipeline {
        Pipeline(name: "p", environments: [env("staging"), env("production")], freezes: freezes)
    }
    let day: TimeInterval = 86400

    @Test func anActiveFreezeWinsAndTheOneEndingLastIsShown() {
        let short = Freeze(environments: ["production"], from: t0 - day, until: t0 + day, reason: "a")
        let long = Freeze(environments: ["production"], from: t0 - day, until: t0 + 3 * day, reason: "b")
        let soon = Freeze(environments: ["production"], from: t0 + day, until: t0 + 2 * day, reason: "c")
        #expect(
            Facts.freezeNotice(on: "production", pipeline: pipeline([short, soon, long]), now: t0) == .active(long))
        #expect(Facts.freezeNotice(on: "staging", pipeline: pipeline([short, long]), now: t0) == nil)
    }

    @Test func theNextFreezeWithinAWeek() {
        let soon = Freeze(environments: ["production"], from: t0 + 2 * day, until: t0 + 3 * day, reason: "soon")
        let later = Freeze(environments: ["production"], from: t0 + 3 * day, until: t0 + 4 * day, reason: "later")
        let far = Freeze(environments: ["production"], from: t0 + 8 * day, until: t0 + 9 * day, reason: "far")
        #expect(
            Facts.freezeNotice(on: "production", pipeline: pipeline([later, soon]), now: t0)
                == .upcoming(soon, startsIn: 2 * day))
        #expect(Facts.freezeNotice(on: "production", pipeline: pipeline([far]), now: t0) == nil)
        let week = Freeze(environments: ["production"], from: t0 + 7 * day, until: t0 + 9 * day, reason: "week")
        #expect(
            Facts.freezeNotice(on: "production", pipeline: pipeline([week]), now: t0)
                == .upcoming(week, startsIn: 7 * day))
    }
}
