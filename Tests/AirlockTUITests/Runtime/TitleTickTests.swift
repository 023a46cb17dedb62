// An idle second on the fleet matrix draws its title row alone: only when nothing else on screen could change, and
// then exactly what a whole frame would show.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockTUI

@Suite struct TitleTickTests {
    /// Ticks a second apart from `s`: whenever the title-only path would be taken, its frame equals the whole one.
    func ticks(_ s: inout AppState, seconds: Int, from start: Date) -> (titleOnly: Int, whole: Int) {
        var frame = Views.render(s)
        var counts = (titleOnly: 0, whole: 0)
        for i in 1...seconds {
            let before = TitleTick(s)
            _ = Update.update(&s, .tick(start.addingTimeInterval(Double(i))))
            let whole = Views.render(s)
            if let before, before == TitleTick(s) {
                FleetView.drawTitle(s, on: &frame)
                #expect(frame == whole, "second \(i): the title drawn alone differs from the whole frame")
                counts.titleOnly += 1
            } else {
                counts.whole += 1
            }
            frame = whole
        }
        return counts
    }

    @Test func anIdleMinuteDrawsTheTitleAloneAndTheSameAsAWholeFrame() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let counts = ticks(&s, seconds: 60, from: fleetNow)
        // The digest is worked out again every 15 s; what it shows stays, so the frame does too.
        #expect(counts.whole == 0, "\(counts)")
        #expect(counts.titleOnly == 60)
    }

    @Test func aStateThatMovesWithTimeDrawsTheWholeFrame() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let before = try #require(TitleTick(s))
        let revision = s.fleet?.kept?.revision
        _ = Update.update(&s, .tick(fleetNow.addingTimeInterval(600)))
        #expect(s.fleet?.kept?.revision != revision, "ten minutes without a report: stale cells, a new digest")
        #expect(TitleTick(s) != before)
    }

    @Test func aFadingMessageAnOverlayOrAnOpenPipelineDrawTheWholeFrame() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        s.say("hello")
        s.message?.at = fleetNow
        let withMessage = try #require(TitleTick(s))
        _ = Update.update(&s, .tick(fleetNow.addingTimeInterval(11)))
        #expect(s.message == nil)
        #expect(TitleTick(s) != withMessage, "the status line changed")
        _ = Update.update(&s, .key(.char("?")))
        #expect(TitleTick(s) == nil, "help is open")
        _ = Update.update(&s, .key(.esc))
        _ = Update.update(&s, .key(.enter))
        #expect(TitleTick(s) == nil, "a pipeline's screen")
        s.width = 20
        #expect(TitleTick(s) == nil)
    }

    @Test func aDigestWorkedOutAgainWithNothingMovedKeepsItsRevision() throws {
        let (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var f = try #require(s.fleet)
        let kept = try #require(f.kept)
        f.refreshDigest(now: fleetNow.addingTimeInterval(20))
        #expect(f.kept?.revision == kept.revision)
        #expect(f.kept?.at == fleetNow.addingTimeInterval(20), "checked again now: the next look is 15 s on")
        f.refreshDigest(now: fleetNow.addingTimeInterval(25))
        #expect(f.kept?.at == fleetNow.addingTimeInterval(20))
        f.fleet.members.removeLast()
        f.refreshDigest(now: fleetNow.addingTimeInterval(26))
        #expect(f.kept?.revision != kept.revision, "a read that changed the fleet")
    }
}
