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
        _ = press(&s, .tab, .tab, .tab)   // production
        let effects = press(&s, .char("p"))
        #expect(effects.isEmpty)
        #expect(s.overlays.isEmpty)
        #expect(s.message?.isError == true)
        #expect(s.message?.text.contains("needs 1 more approval (1/2)") == true)
    }

    @Test func promoteReadyAsksYesOrNo() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab)          // staging: 2.4.1 from qa is ready
        _ = press(&s, .char("p"))
        guard case .confirm(let c)? = s.overlays.last else { Issue.record("no confirmation"); return }
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
        guard case .confirm(let c)? = s.overlays.last else { Issue.record("no confirmation"); return }
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
        guard case .confirm(let c)? = s.overlays.last else { Issue.record("no confirmation"); return }
        #expect(c.action == .rollback(environment: "production", to: "2.2.0"))
        #expect(c.typeToConfirm == "production")
        #expect(press(&s, .esc).isEmpty)
        #expect(s.overlays.isEmpty)
    }

    @Test func rollbackWithoutHistoryOffersEarlierReleases() throws {
        var (s, _) = try demoState()
        s.snapshot.audit = []
        _ = press(&s, .tab, .tab, .char("r"))       // staging runs 2.4.0; nothing in the log says what ran before
        guard case let .pickRollback(env, versions, 0)? = s.overlays.last else { Issue.record("no picker: \(s.overlays)"); return }
        #expect(env == "staging" && versions == ["2.3.0", "2.2.0"])
        _ = press(&s, .down, .enter)
        guard case .confirm(let c)? = s.overlays.last else { Issue.record("no confirmation"); return }
        #expect(c.action == .rollback(environment: "staging", to: "2.2.0") && c.typeToConfirm == nil)
        #expect(press(&s, .char("y")) == [.perform(.rollback(environment: "staging", to: "2.2.0"))])
    }

    @Test func checklistSpaceTogglesAndApprovalIsComputed() throws {
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab, .tab, .char("c"))
        guard case .checklist(let v, let target, 0)? = s.overlays.last else { Issue.record("no checklist"); return }
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
        _ = press(&s, .char("c"))   // development: nothing enters it; it runs 2.5.0-rc.1, which heads for qa
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
        let msg = DashboardApp.perform(.promote(version: "2.4.1", to: "staging"), store: store, actor: s.actor, root: root)
        guard case let .actionDone(text, isError) = msg else { Issue.record("unexpected \(msg)"); return }
        #expect(!isError, "\(text)")
        let snap = RootLoader(root: root).load()
        #expect(snap.promotions["staging"]?.version == "2.4.1")
        #expect(snap.audit.last?.action == .promote && snap.audit.last?.actor == "alice")
        let refused = DashboardApp.perform(.approve(version: "2.4.0", environment: "production"), store: store, actor: "mallory", root: root)
        guard case let .actionDone(_, refusedIsError) = refused else { Issue.record("unexpected"); return }
        #expect(refusedIsError)
    }
}
