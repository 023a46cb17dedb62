// The dashboard's logic: keys and messages in, state and effects out, without a terminal.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct UpdateTests {
    @Test func tabAndArrowsMoveBetweenEnvironmentsAndPending() throws {
        var (s, _) = try demoState()
        #expect(s.selected == "development")
        _ = press(&s, .tab)
        #expect(s.selected == "qa")
        _ = press(&s, .right, .char("l"))
        #expect(s.selected == "production")
        _ = press(&s, .tab)
        #expect(s.selected == "development", "wraps around")
        _ = press(&s, .backTab, .char("h"))
        #expect(s.selected == "staging")
        // ↓ moves through the pending promotions, selecting the environment each one enters.
        _ = press(&s, .down)
        #expect(s.selected == "production")
        _ = press(&s, .char("k"), .char("k"))
        #expect(s.selected == "qa")
        #expect(s.selectedPending?.version == "2.5.0-rc.1")
    }

    @Test func promoteBlockedSaysWhy() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab, .tab)  // production
        let effects = press(&s, .char("p"))
        #expect(effects.isEmpty)
        #expect(s.overlays.isEmpty)
        #expect(s.message?.isError == true)
        #expect(s.message?.text.contains("needs 1 more approval (1/2)") == true)
    }

    @Test func promoteReadyAsksYesOrNo() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab)  // staging: 2.4.1 from qa is ready
        _ = press(&s, .char("p"))
        guard case .confirm(let c)? = s.overlays.last else {
            Issue.record("no confirmation")
            return
        }
        #expect(c.typeToConfirm == nil)
        #expect(press(&s, .char("n")).isEmpty)
        #expect(s.overlays.isEmpty)
        _ = press(&s, .char("p"))
        #expect(press(&s, .char("y")) == [.perform(.promote(version: "2.4.1", to: "staging"))])
        #expect(s.busy)
    }

    @Test func protectedPromotionNeedsTheTypedName() throws {
        var (s, _) = try demoState()
        // Make 2.4.0 ready for production.
        var r = s.snapshot.releases["2.4.0"]!
        for id in ["user-readiness", "rollback-plan", "monitoring"] { r.checklist[id] = ChecklistEntry(done: true) }
        r.approvals.append(Approval(by: "carol", environment: "production"))
        s.snapshot.releases["2.4.0"] = r
        _ = Update.update(&s, .tick(s.now))
        _ = press(&s, .tab, .tab, .tab, .char("p"))
        guard case .confirm(let c)? = s.overlays.last else {
            Issue.record("no confirmation")
            return
        }
        #expect(c.typeToConfirm == "production")
        #expect(press(&s, .char("y")).isEmpty, "y is typed, not a confirmation")
        _ = press(&s, .backspace)
        type(&s, "producton")
        #expect(press(&s, .enter).isEmpty)
        #expect(s.message?.isError == true)
        #expect(s.overlays.count == 1, "the dialog stays open")
        _ = press(&s, .backspace, .backspace, .backspace)
        type(&s, "tion")
        #expect(press(&s, .enter) == [.perform(.promote(version: "2.4.0", to: "production"))])
        #expect(s.overlays.isEmpty)
    }

    @Test func nonApproverIsToldBeforeAnyDialog() throws {
        var (s, _) = try demoState(actor: "mallory")
        _ = press(&s, .tab, .tab, .tab, .char("a"))
        #expect(s.overlays.isEmpty)
        #expect(s.message?.text.contains("not an approver") == true)
        _ = press(&s, .char("r"))
        #expect(s.message?.text.contains("cannot roll it back") == true)
    }

    @Test func approveAndRollbackConfirm() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab, .tab, .char("a"))
        #expect(press(&s, .char("y")) == [.perform(.approve(version: "2.4.0", environment: "production"))])
        _ = Update.update(&s, .actionDone(message: "ok", isError: false))
        _ = press(&s, .char("r"))
        guard case .confirm(let c)? = s.overlays.last else {
            Issue.record("no confirmation")
            return
        }
        #expect(c.action == .rollback(environment: "production", to: "2.1.3"))
        #expect(c.typeToConfirm == "production")
        #expect(press(&s, .esc).isEmpty)
        #expect(s.overlays.isEmpty)
    }

    @Test func rollbackWithoutHistoryOffersEarlierReleases() throws {
        var (s, root) = try demoState()
        s.snapshot.audit = []
        try Data().write(to: URL(fileURLWithPath: root + "/audit.jsonl"))
        // staging runs 2.4.0; nothing in the log says what ran before: the store is asked.
        #expect(press(&s, .tab, .tab, .char("r")) == [.findRollback(environment: "staging")])
        let choices = try #require(Store(root: root).rollbackChoices(environment: "staging"))
        _ = Update.update(&s, .rollbackChoices(choices))
        guard case .pickRollback(let env, let versions, 0)? = s.overlays.last else {
            Issue.record("no picker: \(s.overlays)")
            return
        }
        #expect(env == "staging" && versions == ["2.3.0", "2.2.0"])
        _ = press(&s, .down, .enter)
        guard case .confirm(let c)? = s.overlays.last else {
            Issue.record("no confirmation")
            return
        }
        #expect(c.action == .rollback(environment: "staging", to: "2.2.0") && c.typeToConfirm == nil)
        #expect(press(&s, .char("y")) == [.perform(.rollback(environment: "staging", to: "2.2.0"))])
    }

    @Test func rollbackPickerOffersOnlyVersionsTheLogRecords() throws {
        var (s, root) = try demoState()
        s.snapshot.audit = []
        // The log records staging running 2.2.0 (and 2.1.3, which has no release file), not 2.3.0.
        let line =
            #"{"at":"2026-10-01T10:00:00Z","actor":"bob","action":"promote","version":"2.2.0","#
            + #""environment":"staging","#
            + #""previous":"2.1.3"}"#
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: root + "/audit.jsonl"))
        #expect(press(&s, .tab, .tab, .char("r")) == [.findRollback(environment: "staging")])
        let choices = try #require(Store(root: root).rollbackChoices(environment: "staging"))
        _ = Update.update(&s, .rollbackChoices(choices))
        guard case .pickRollback(_, let versions, _)? = s.overlays.last else {
            Issue.record("no picker: \(s.overlays)")
            return
        }
        #expect(versions == ["2.2.0"])
    }

    @Test func logViewReadsPagesOnDemand() throws {
        var (s, root) = try demoState(height: 20)
        var text = ""
        for i in 0..<500 {
            text += #"{"at":"2026-11-01T10:00:00Z","actor":"a\#(i)","action":"approve","version":"2.4.0","#
            text += #""environment":"qa"}"#
            text += "\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/audit.jsonl"))
        let effects = press(&s, .char("L"))
        guard case .readLog(let want)? = effects.first else {
            Issue.record("no read: \(effects)")
            return
        }
        #expect(want < 100, "a page and a margin, not the whole log: \(want)")
        let page = AuditPager.read(nil, root: root, want: want, filter: s.filter, matches: s.logMatches)
        _ = Update.update(&s, .logRead(page))
        #expect(page.entries.count == want && page.entries.first?.actor == "a499" && !page.reachedStart)
        let screen = Views.render(s).lines.joined(separator: "\n")
        #expect(screen.contains("a499") && screen.contains("↓ reads older"))
        // Scrolling towards the end of what was read asks for more, from where reading stopped.
        var asked: [Effect] = []
        for _ in 0..<want { asked += press(&s, .down) }
        guard case .readLog(let more)? = asked.last else {
            Issue.record("no further read: \(asked)")
            return
        }
        let next = AuditPager.read(s.logPage, root: root, want: more, filter: s.filter, matches: s.logMatches)
        #expect(next.entries.count == more && next.entries[want].actor == "a\(499 - want)")
        // A line appended while the view is open comes first, read alone.
        let zed =
            #"{"at":"2026-11-02T10:00:00Z","actor":"zed","action":"approve","version":"2.4.0","#
            + #""environment":"qa"}"# + "\n"
        try Files.appendLine(zed, to: root + "/audit.jsonl")
        let grown = AuditPager.read(next, root: root, want: more, filter: s.filter, matches: s.logMatches)
        #expect(grown.entries.first?.actor == "zed" && grown.entries.count == more + 1)
        _ = press(&s, .esc)
        #expect(s.logPage == nil, "closing the view lets go of what it read")
    }

    @Test func checklistSpaceTogglesAndApprovalIsComputed() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab, .tab, .char("c"))
        guard case .checklist(let v, let target, 0)? = s.overlays.last else {
            Issue.record("no checklist")
            return
        }
        #expect(v == "2.4.0" && target == "production")
        #expect(press(&s, .char(" ")) == [.perform(.setItem(version: "2.4.0", item: "code-freeze", done: false))])
        for _ in 0..<8 { _ = press(&s, .down) }
        #expect(press(&s, .char(" ")).isEmpty, "approval cannot be ticked")
        #expect(s.message?.isError == true)
        _ = press(&s, .down)
        #expect(press(&s, .char(" ")) == [.perform(.setItem(version: "2.4.0", item: "user-readiness", done: true))])
    }

    @Test func checklistOfAReleaseWithNothingWaitingHeadsForTheNextEnvironment() throws {
        var (s, _) = try demoState()
        _ = press(&s, .char("c"))  // development: nothing enters it; it runs 2.5.0-rc.1, which heads for qa
        #expect(s.overlays.last == .checklist(version: "2.5.0-rc.1", target: "qa", cursor: 0))
    }

    @Test func filterHelpLogAndQuit() throws {
        var (s, _) = try demoState()
        _ = press(&s, .char("/"))
        type(&s, "prod")
        #expect(s.visibleEnvironments.map(\.name) == ["production"])
        _ = press(&s, .enter)
        #expect(s.overlays.isEmpty && s.filter == "prod")
        #expect(s.selected == "production")
        _ = press(&s, .esc)
        #expect(s.filter.isEmpty)
        _ = press(&s, .char("?"))
        #expect(s.overlays == [.help(scroll: 0)])
        _ = press(&s, .down)
        #expect(s.overlays == [.help(scroll: 1)])
        _ = press(&s, .esc, .char("L"))
        #expect(s.overlays == [.log(scroll: 0)])
        #expect(press(&s, .char("q")) == [.quit])
        #expect(press(&s, .ctrlL) == [.repaint])
        #expect(press(&s, .char("t")) == [], "t inside a view does nothing")
        _ = press(&s, .esc)
        #expect(press(&s, .char("t")) == [.nextTheme])
    }

    @Test func liveReloadAndTicksRecomputeBlockers() throws {
        var (s, _) = try demoState()
        var snap = s.snapshot
        snap.environments["development"]?.health = .healthy
        _ = Update.update(&s, .loaded(snap, at: s.now))
        #expect(s.pending.first { $0.to == "qa" }?.state == .ready)
        // An hour later nothing has reported: staleness appears without any file change.
        _ = Update.update(&s, .tick(s.now.addingTimeInterval(3600)))
        #expect(s.pending.first { $0.to == "qa" }?.blockers.map(\.code).contains("stale:development") == true)
    }

    @Test func actionsGoThroughTheStore() throws {
        let (s, root) = try demoState()
        let store = Store(root: root)
        let msg = DashboardApp.perform(
            .promote(version: "2.4.1", to: "staging"), store: store, actor: s.actor, root: root)
        guard case .actionDone(let text, let isError) = msg else {
            Issue.record("unexpected \(msg)")
            return
        }
        #expect(!isError, "\(text)")
        let snap = RootLoader(root: root).load()
        #expect(snap.promotions["staging"]?.version == "2.4.1")
        #expect(snap.audit.last?.action == .promote && snap.audit.last?.actor == "alice")
        let refused = DashboardApp.perform(
            .approve(version: "2.4.0", environment: "production"), store: store, actor: "mallory", root: root)
        guard case .actionDone(_, let refusedIsError) = refused else {
            Issue.record("unexpected")
            return
        }
        #expect(refusedIsError)
    }
}
