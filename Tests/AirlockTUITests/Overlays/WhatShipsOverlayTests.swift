// The promote confirmation and the drift view list what ships; both scroll a long list; details show facts.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct WhatShipsOverlayTests {
    func screen(_ s: AppState) -> String { Views.render(s).lines.joined(separator: "\n") }

    /// The demo at staging, `count` release candidates of 2.4.1 added between 2.4.0 (staging) and 2.4.1 (qa).
    func demoWithCandidates(_ count: Int, height: Int = 40) throws -> AppState {
        var (s, _) = try demoState(height: height)
        for i in 1...max(1, count) where count > 0 {
            s.snapshot.releases["2.4.1-rc.\(i)"] = Release(
                version: "2.4.1-rc.\(i)", notes: "candidate \(i)",
                checklist: ["code-freeze": ChecklistEntry(done: true)])
        }
        s.recompute()
        _ = press(&s, .tab, .tab)  // staging: 2.4.1 from qa is ready to enter it
        return s
    }

    @Test func thePromoteConfirmationListsWhatShips() throws {
        var s = try demoWithCandidates(0)
        _ = press(&s, .char("p"))
        guard case .confirm(let c)? = s.overlays.last else {
            Issue.record("no confirmation: \(String(describing: s.message))")
            return
        }
        let text = screen(s)
        #expect(text.contains("Promote 2.4.1 from qa into staging?"))
        #expect(text.contains("What ships: 1 release ships from qa (2.4.1) into staging (2.4.0)"))
        #expect(text.contains("checklist counts staging's gates"))
        #expect(text.contains("2.4.1  by ci  2026-11-19T18:00:00Z  checklist 3/3  schema 44"))
        #expect(text.contains("Fixes rounding of discounts in the new checkout"))
        #expect(text.contains("y to confirm, n or Esc to cancel"))
        #expect(c.scroll == 0)
        // Still confirms with y.
        let effects = press(&s, .char("y"))
        #expect(effects == [.perform(.promote(version: "2.4.1", to: "staging"))])
    }

    @Test func aLongListScrollsWithJKAndArrowsNeverPastItsEnd() throws {
        var s = try demoWithCandidates(60)
        _ = press(&s, .char("p"))
        var text = screen(s)
        #expect(text.contains("What ships: 61 releases ship from qa (2.4.1) into staging (2.4.0)"))
        #expect(text.contains("2.4.1-rc.1  ") && !text.contains("2.4.1-rc.30  "))
        #expect(text.contains("of 122 ↑↓ j k"))
        _ = press(&s, .char("j"), .down, .pageDown)
        guard case .confirm(let c)? = s.overlays.last else { return }
        #expect(c.scroll > 2)
        _ = press(&s, .char("G"))  // not a key of this dialog
        for _ in 0..<200 { _ = press(&s, .down) }
        text = screen(s)
        #expect(text.contains("2.4.1  by ci  2026-11-19T18:00:00Z") && text.contains("-122 of 122"))
        guard case .confirm(let end)? = s.overlays.last else { return }
        #expect(end.scroll == ConfirmOverlay.maxScroll(s, end))
        _ = press(&s, .up, .char("k"))
        guard case .confirm(let back)? = s.overlays.last else { return }
        #expect(back.scroll == end.scroll - 2, "one step back is one row back")
        _ = press(&s, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp)
        guard case .confirm(let top)? = s.overlays.last else { return }
        #expect(top.scroll == 0)
    }

    @Test func theTypedNameStillConfirmsAProtectedPromotionAndArrowsScroll() throws {
        var s = try demoWithCandidates(60)
        // production is protected: 2.4.0 from staging waits to enter it.
        _ = press(&s, .tab)
        let c = Confirmation(
            action: .promote(version: "2.4.1", to: "production"), prompt: "Promote 2.4.1 into production?",
            typeToConfirm: "production")
        s.overlays = [.confirm(c)]
        _ = press(&s, .down, .down)
        type(&s, "production")
        guard case .confirm(let now)? = s.overlays.last else { return }
        #expect(now.typed == "production", "j and k type, they do not scroll here")
        #expect(now.scroll == 2)
        let text = screen(s)
        #expect(text.contains("production is protected: type its name to confirm."))
        #expect(text.contains("> production"))
        #expect(text.contains("What ships: 62 releases ship from 2.4.1 into production (2.3.0)"))
        #expect(press(&s, .enter) == [.perform(.promote(version: "2.4.1", to: "production"))])
    }

    @Test func onTheSmallestScreenTheQuestionStaysAndTheListGivesWay() throws {
        var (s, _) = try demoState(width: Views.minWidth, height: Views.minHeight)
        _ = press(&s, .tab, .tab, .char("p"))
        var text = screen(s)
        #expect(text.contains("y to confirm") && text.contains("What ships: 1 release"))
        #expect(text.contains("2.4.1  by ci  2026"), "one row of the list fits")
        // A protected environment's typed name takes the list's rows: the summary stays, and the field.
        s.overlays = [
            .confirm(
                Confirmation(
                    action: .promote(version: "2.4.1", to: "staging"), prompt: "Promote?", typeToConfirm: "staging"))
        ]
        text = screen(s)
        #expect(text.contains("What ships: 1 release") && text.contains("> ▏"))
        #expect(!text.contains("2.4.1  2026"))
    }

    @Test func otherConfirmationsListNothing() throws {
        var (s, _) = try demoState()
        let c = Confirmation(action: .approve(version: "2.4.0", environment: "production"), prompt: "Approve?")
        s.overlays = [.confirm(c)]
        #expect(!screen(s).contains("What ships"))
        _ = press(&s, .down)
        #expect(s.overlays.last == .confirm(c))
    }

    @Test func theDriftViewShowsFactsSideBySideAndWhatShipsAndScrolls() throws {
        var s = try demoWithCandidates(60)
        _ = press(&s, .char("d"))
        var text = screen(s)
        #expect(text.contains("≠ fact data") && text.contains("anonymized production snapshot"))
        #expect(text.contains("real users and their orders"))
        #expect(text.contains("  fact owner"), "the same owner: not marked")
        _ = press(&s, .char("G"))
        text = screen(s)
        #expect(text.contains("What ships: 1 release ships from staging (2.4.0) into production (2.3.0)"))
        #expect(text.contains("checklist counts production's gates"))
        var short = try demoWithCandidates(60)
        short.snapshot.environments["staging"]?.version = "2.4.1"
        short.recompute()
        _ = press(&short, .char("d"))
        #expect(screen(short).contains("What ships: 62 releases ship"))
        _ = press(&short, .char("G"))
        #expect(screen(short).contains("Fixes rounding of discounts in the new checkout"), "the end of the list")
        guard case .drift(_, let bottom)? = short.overlays.last else { return }
        #expect(bottom == DriftOverlay.maxScroll(short, environment: "staging") && bottom > 0)
        _ = press(&short, .char("k"))
        guard case .drift(_, let up)? = short.overlays.last else { return }
        #expect(up == bottom - 1)
    }

    @Test func onTheFleetMatrixTheConfirmationListsTheCellsPipeline() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .end, .char("l"), .char("l"), .char("p"))  // shop, staging
        #expect(s.onFleetMatrix)
        #expect(screen(s).contains("What ships: 1 release ships from qa (2.4.1) into staging (2.4.0)"))
    }

    @Test func detailsShowTheEnvironmentsFacts() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab, .enter)
        let text = screen(s)
        #expect(text.contains("data: anonymized production snapshot"))
        #expect(text.contains("access: engineers deploy; ops administers"))
    }
}
