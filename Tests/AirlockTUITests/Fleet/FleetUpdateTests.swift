// The fleet screen's logic: moving between cells, opening a pipeline and coming back, acting on a cell as the
// pipeline screen does, the filter, the sorts, the `:` jump with completion, a fleet read again.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct FleetUpdateTests {
    @Test func theMatrixHasARowPerPipelineAndAColumnPerEnvironment() throws {
        let (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let f = try #require(s.fleet)
        #expect(f.shownMembers(now: s.now).map(\.name) == ["legacy", "payments", "platform", "search", "shop"])
        #expect(f.columns == ["development", "qa", "staging", "canary", "production", "production-eu", "dr"])
        #expect(f.row == "legacy" && f.column == "development")
        #expect(KeyContext(s) == .fleet)
        let search = try #require(f.fleet.member(named: "search"))
        #expect(Facts.fleetCell(search, environment: "qa", now: s.now) == nil)
    }

    @Test func keysMoveBetweenCellsAndStopAtTheEdges() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .char("j"), .down, .char("j"))
        #expect(s.fleet?.row == "search")
        _ = press(&s, .char("l"), .right, .tab)
        #expect(s.fleet?.column == "canary")
        _ = press(&s, .char("l"), .char("l"), .char("l"), .char("l"))
        #expect(s.fleet?.column == "dr", "stops at the last column")
        _ = press(&s, .char("h"), .left, .backTab, .backTab, .char("h"), .char("h"), .char("h"))
        #expect(s.fleet?.column == "development")
        _ = press(&s, .char("k"), .up, .up, .up)
        #expect(s.fleet?.row == "legacy", "stops at the first row")
        _ = press(&s, .end)
        #expect(s.fleet?.row == "shop")
        _ = press(&s, .home)
        #expect(s.fleet?.row == "legacy")
    }

    @Test func enterOpensThePipelineAndEscComesBackWithTheCursorWhereItWas() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .char("j"), .char("l"), .char("l"))  // payments, staging
        _ = press(&s, .enter)
        #expect(s.fleet?.open == true)
        #expect(KeyContext(s) == .main)
        #expect(s.pipeline?.name == "payments")
        #expect(s.selected == "staging")
        #expect(screenText(s).contains("airlock · fleet › payments"))
        // The pipeline screen's own keys work there.
        _ = press(&s, .tab, .char("?"))
        #expect(s.selected == "production")
        _ = press(&s, .esc)
        #expect(s.overlays.isEmpty && s.fleet?.open == true, "Esc closes the view first")
        _ = press(&s, .esc)
        #expect(s.fleet?.open == false)
        #expect(s.fleet?.row == "payments" && s.fleet?.column == "staging")
        #expect(KeyContext(s) == .fleet)
    }

    @Test func pOnACellAsksWhatThePipelineScreenAsks() throws {
        var (pipeline, _) = try demoState()
        _ = press(&pipeline, .tab, .tab, .char("p"))  // staging: 2.4.1 is ready
        let asked = try #require(pipeline.overlays.last)
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .end, .char("l"), .char("l"), .char("p"))  // shop, staging
        #expect(s.overlays.last == asked)
        #expect(s.onFleetMatrix, "the dialog opens over the matrix")
        #expect(screenText(s).contains("Promote 2.4.1 from qa into staging?"))
        let effects = press(&s, .char("y"))
        #expect(effects == [.perform(.promote(version: "2.4.1", to: "staging"))])
        #expect(s.actingFolder == "shop")
        // A refusal says what the pipeline screen says.
        _ = Update.update(&s, .actionDone(message: "done", isError: false))
        _ = press(&pipeline, .esc, .tab, .char("p"))
        _ = press(&s, .char("l"), .char("l"), .char("p"))
        #expect(s.message?.isError == true)
        #expect(s.message?.text == pipeline.message?.text)
        #expect(s.overlays.isEmpty)
    }

    @Test func aCellWithoutItsEnvironmentRefusesToAct() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .char("j"), .char("j"), .char("j"), .char("l"), .char("p"))  // search, qa
        #expect(s.overlays.isEmpty)
        #expect(s.message?.text == "search has no environment qa")
    }

    @Test func theFilterKeepsPipelinesByNameOrVersion() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .char("/"))
        type(&s, "PAY")
        #expect(s.fleet?.shownMembers(now: s.now).map(\.name) == ["payments"])
        #expect(s.fleet?.row == "payments", "the cursor stays on what shows")
        _ = press(&s, .enter)
        #expect(s.overlays.isEmpty && s.fleet?.filter == "PAY")
        #expect(screenText(s).contains("filter: PAY"))
        _ = press(&s, .esc)
        #expect(s.fleet?.filter == "")
        _ = press(&s, .char("/"))
        type(&s, "rc.13")
        #expect(s.fleet?.shownMembers(now: s.now).map(\.name) == ["search"])
        _ = press(&s, .esc)
        #expect(s.fleet?.filter == "" && s.fleet?.shownMembers(now: s.now).count == 5)
    }

    @Test func sCyclesTheSortAndTheTitleSaysWhich() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        func order() -> [String] { s.fleet?.shownMembers(now: s.now).map(\.name) ?? [] }
        #expect(screenText(s).contains("sort: name"))
        _ = press(&s, .char("s"))
        #expect(s.fleet?.sort == .attention)
        #expect(order().first == "payments", "down first")
        #expect(screenText(s).contains("sort: attention"))
        _ = press(&s, .char("s"))
        #expect(s.fleet?.sort == .recentDeploy)
        #expect(order().first == "search", "deployed at 22:00, the newest")
        _ = press(&s, .char("s"))
        #expect(s.fleet?.sort == .name)
        #expect(order() == ["legacy", "payments", "platform", "search", "shop"])
    }

    @Test func colonJumpsToAPipelineWithCompletion() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .char(":"))
        #expect(KeyContext(s) == .jump)
        type(&s, "PA")
        _ = press(&s, .tab)
        #expect(s.overlays.last == .jump("payments"), "a unique start completes to the name")
        _ = press(&s, .enter)
        #expect(s.overlays.isEmpty && s.fleet?.row == "payments")
        _ = press(&s, .char(":"), .char("s"), .tab)
        #expect(s.overlays.last == .jump("s"), "search and shop share only s")
        #expect(screenText(s).contains("2 match: search shop"))
        _ = press(&s, .enter)
        #expect(s.message?.text == "2 pipelines start with s: Tab completes")
        _ = press(&s, .char("h"), .enter)
        #expect(s.fleet?.row == "shop")
        _ = press(&s, .char(":"), .char("x"), .enter)
        #expect(s.message?.text == "no pipeline starts with x")
        _ = press(&s, .esc)
        #expect(s.overlays.isEmpty && s.fleet?.row == "shop")
    }

    @Test func aJumpToAFilteredOutPipelineClearsTheFilter() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        s.fleet?.filter = "pay"
        _ = press(&s, .char(":"))
        type(&s, "shop")
        _ = press(&s, .enter)
        #expect(s.fleet?.filter == "" && s.fleet?.row == "shop")
    }

    @Test func aPipelineThatLeavesWhileOpenBringsTheMatrixBack() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .char("j"), .enter)
        #expect(s.pipeline?.name == "payments")
        var fleet = try #require(s.fleet?.fleet)
        fleet.members.removeAll { $0.name == "payments" }
        _ = Update.update(&s, .fleetLoaded(fleet, at: fleetNow))
        #expect(s.onFleetMatrix)
        #expect(s.message?.text == "payments is no longer in the fleet")
        #expect(s.fleet?.row != "payments")
        // One that arrives shows.
        fleet = loadFleet(root)
        _ = Update.update(&s, .fleetLoaded(fleet, at: fleetNow))
        #expect(s.fleet?.shownMembers(now: s.now).count == 5)
    }

    @Test func aFleetReadAgainRefreshesThePipelineActedOn() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .end, .enter)
        var fleet = try #require(s.fleet?.fleet)
        let i = try #require(fleet.members.firstIndex { $0.name == "shop" })
        fleet.members[i].snapshot.environments["qa"]?.version = "9.9.9"
        _ = Update.update(&s, .fleetLoaded(fleet, at: fleetNow))
        #expect(s.snapshot.environments["qa"]?.version == "9.9.9")
        _ = press(&s, .esc)
        #expect(screenText(s).contains("9.9.9"), "the matrix shows what was read")
    }

    /// A state that changes with time alone (ten minutes without a report: stale) shows at the next tick a few
    /// seconds on, with no read.
    @Test func timeAloneMovesTheMatrixWithinAFewSeconds() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(!screenText(s).contains("stale"))
        _ = Update.update(&s, .tick(fleetNow.addingTimeInterval(600)))
        #expect(screenText(s).contains("stale · "), "the title counts them")
        #expect(screenText(s).split(separator: "\n")[3].contains("◷"), "the cells mark them")
    }

    /// A read that changed one pipeline works that one out again and keeps the others' parts, whose states that move
    /// with time alone still move at the next tick past the digest's age.
    @Test func aReadWorksOutOnlyThePipelineThatChanged() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var fleet = try #require(s.fleet?.fleet)
        let i = try #require(fleet.members.firstIndex { $0.name == "search" })
        fleet.members[i].snapshot.environments["production"]?.version = "10.20.0"
        let later = fleetNow.addingTimeInterval(5)
        _ = Update.update(&s, .fleetLoaded(fleet, at: later))
        let parts = try #require(s.fleet?.kept?.perMember.entries)
        #expect(parts["search"]?.at == later && parts["search"]?.cells["production"]?.version == "10.20.0")
        for folder in ["shop", "payments", "platform"] { #expect(parts[folder]?.at == fleetNow, "\(folder) kept") }
        #expect(screenText(s).contains("10.20.0"))
        // The kept parts are due 15 s after they were worked out, not 15 s after the read that kept them.
        #expect(s.fleet?.kept?.at == fleetNow, "as old as its oldest part")
        let due = fleetNow.addingTimeInterval(16)
        _ = Update.update(&s, .tick(due))
        let again = try #require(s.fleet?.kept?.perMember.entries)
        #expect(again["shop"]?.at == due && again["platform"]?.at == due && again["search"]?.at == later)
        let stale = fleetNow.addingTimeInterval(600)
        _ = Update.update(&s, .tick(stale))
        #expect(s.fleet?.kept?.perMember.entries.values.allSatisfy { $0.at == stale } == true)
        #expect(screenText(s).split(separator: "\n")[3].contains("◷"), "the kept parts went stale with time")
    }

    @Test func helpListsTheKeysOfTheViewItIsOpenedFrom() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = press(&s, .char("?"))
        let text = screenText(s)
        for entry in Keymap.fleetHelpEntries { #expect(text.contains(entry.keys), "\(entry.keys)") }
        #expect(text.contains("jump to a pipeline by name"))
        _ = press(&s, .esc, .enter, .char("?"))
        let inside = screenText(s)
        #expect(inside.contains("drift: the selected environment"))
        #expect(!inside.contains("jump to a pipeline by name"))
        #expect(inside.contains("else back to the fleet"))
    }

    /// r on a cell whose rollback target the store must look up: the choices apply to that cell's pipeline only,
    /// not to another cell acted on while they were read.
    @Test func rollbackChoicesGoToThePipelineTheyWereReadFor() throws {
        var (s, root) = try fleetState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        s.fleet?.row = "shop"
        s.fleet?.column = "staging"
        s.takeActing("shop")
        s.fleet?.rollbackFor = "shop"
        let choices = RollbackChoices(environment: "staging", current: "2.4.0", target: "2.3.0", versions: ["2.3.0"])
        _ = Update.update(&s, .rollbackChoices(choices))
        #expect(s.overlays.last.map { if case .confirm = $0 { true } else { false } } == true)
        s.overlays = []
        s.fleet?.rollbackFor = "payments"
        _ = Update.update(&s, .rollbackChoices(choices))
        #expect(s.overlays.isEmpty, "read for payments, shop is acted on now: dropped")
    }
}
