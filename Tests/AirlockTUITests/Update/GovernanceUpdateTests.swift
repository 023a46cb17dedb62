// Four eyes and deploy windows on the dashboard: said before the confirmation, refusals changing no file, the
// window's opening on screen and worked out again as time passes.

import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

/// A moment of the tests' clock.
private func at(_ text: String) -> Date {
    TimeFormat.parseTimestamp(text) ?? Date(timeIntervalSince1970: 0)
}

/// Monday 2026-11-23 10:00 UTC: 11:00 in Berlin, inside office hours.
private let open = at("2026-11-23T10:00:00Z")
/// The same Monday at 16:00 UTC: 17:00 in Berlin, after office hours (next: Tuesday 08:00 UTC).
private let closed = at("2026-11-23T16:00:00Z")

/// staging runs 2.4.0 (created by alice); production separates duties (two of alice, bob, carol, dave).
private func governedRoot(approvals: [String], windows: Bool = false) -> TempRoot {
    let list = approvals.map { "  - {by: \($0), environment: production}" }.joined(separator: "\n")
    // An old heartbeat that never goes stale: ahead of no clock (the store's is the tests', the reader's is real).
    let heartbeat = "updated_at: 2000-01-01T00:00:00Z\nhealth: healthy\n"
    let window =
        "windows:\n  - {environments: [production], days: [mon, tue, wed, thu], from: \"09:00\", until: \"16:00\", "
        + "zone: Europe/Berlin, name: office-hours}\n"
    return TempRoot([
        "airlock.yaml": """
        pipeline: shop
        environments:
          - name: staging
            stale_after: 36500d
          - name: production
            stale_after: 36500d
            protected: true
            separate_duties: true
            approvers: [alice, bob, carol, dave]
            required_approvals: 2

        """ + (windows ? window : ""),
        "environments/staging.yaml": "version: 2.4.0\n" + heartbeat,
        "environments/production.yaml": "version: 2.3.0\n" + heartbeat,
        "releases/2.3.0.yaml": "version: 2.3.0\n",
        "releases/2.4.0.yaml": "version: 2.4.0\ncreated_by: alice\n" + (list.isEmpty ? "" : "approvals:\n\(list)\n"),
    ])
}

/// The dashboard on `root` as `actor` at `now`, production selected.
private func dashboard(_ root: TempRoot, actor: String, now: Date) -> AppState {
    var s = AppState(snapshot: root.load(), now: now, actor: actor, width: 120, height: 40)
    s.selected = "production"
    return s
}

/// Carries out a performed action through the store with the tests' clock, as the dashboard's runtime does.
private func carryOut(_ effects: [Effect], _ root: TempRoot, actor: String, now: Date) -> Msg? {
    guard case .perform(let action)? = effects.first else { return nil }
    return DashboardApp.perform(action, store: Store(root: root.path, clock: { now }), actor: actor, root: root.path)
}

private func screen(_ s: AppState) -> String { Views.render(s).lines.joined(separator: "\n") }

@Suite struct FourEyesDashboardTests {
    @Test func aPromoterNeededForTheQuorumHearsItBeforeAnyConfirmationAndNothingChanges() {
        let root = governedRoot(approvals: ["bob", "carol"])
        var s = dashboard(root, actor: "bob", now: open)
        #expect(s.selectedPending?.state == .ready)
        #expect(screen(s).contains("· you cannot promote it: someone else must promote 2.4.0, or one more approval"))
        let before = root.fingerprint()
        let effects = press(&s, .char("p"))
        #expect(effects.isEmpty)
        #expect(s.overlays.isEmpty, "no typed-name prompt")
        let core = Authorization.check(
            .promote(version: "2.4.0", to: "production", reason: nil), by: "bob", on: s.snapshot, now: s.now)
        #expect(s.message?.text == core?.message && s.message?.isError == true)
        #expect(s.message?.text.contains("someone else must promote 2.4.0, or one more approval is needed") == true)
        #expect(root.fingerprint() == before)
    }

    @Test func someoneElsePromotesThroughTheTypedConfirmation() {
        let root = governedRoot(approvals: ["bob", "carol"])
        var s = dashboard(root, actor: "dave", now: open)
        #expect(!screen(s).contains("you cannot promote"))
        _ = press(&s, .char("p"))
        guard case .confirm(let c)? = s.overlays.last else {
            Issue.record("no confirmation")
            return
        }
        #expect(c.typeToConfirm == "production")
        type(&s, "production")
        let effects = press(&s, .enter)
        #expect(effects == [.perform(.promote(version: "2.4.0", to: "production"))])
        guard case .actionDone(let message, let isError)? = carryOut(effects, root, actor: "dave", now: open) else {
            Issue.record("not carried out")
            return
        }
        #expect(message == "requested 2.4.0: staging -> production" && !isError)
        #expect(root.load().promotions["production"]?.requestedBy == "dave")
    }

    @Test func theAuthorCannotApproveAndNothingChanges() {
        let root = governedRoot(approvals: [])
        var s = dashboard(root, actor: "alice", now: open)
        let before = root.fingerprint()
        #expect(press(&s, .char("a")).isEmpty)
        #expect(s.overlays.isEmpty)
        #expect(
            s.message?.text
                == "alice created 2.4.0 (created_by in releases/2.4.0.yaml) and cannot approve it for production: "
                + "production separates duties")
        #expect(root.fingerprint() == before)
    }

    @Test func anotherApproverApproves() {
        let root = governedRoot(approvals: [])
        var s = dashboard(root, actor: "bob", now: open)
        _ = press(&s, .char("a"))
        let effects = press(&s, .char("y"))
        #expect(effects == [.perform(.approve(version: "2.4.0", environment: "production"))])
        if case .actionDone(_, let isError)? = carryOut(effects, root, actor: "bob", now: open) {
            #expect(!isError)
        } else {
            Issue.record("not carried out")
        }
        #expect(root.load().releases["2.4.0"]?.approvals.map(\.by) == ["bob"])
    }

    @Test func theDetailsSayWhoApprovedAndTheRule() {
        let root = governedRoot(approvals: ["bob", "carol"])
        var s = dashboard(root, actor: "bob", now: open)
        _ = press(&s, .enter)
        let text = screen(s)
        #expect(text.contains("approved by: bob, carol (2/2)"))
        #expect(text.contains("four eyes: alice created it and cannot approve it"))
    }
}

@Suite struct DeployWindowDashboardTests {
    @Test func outsideItsWindowsPromoteIsRefusedSayingWhenItOpensAndNothingChanges() {
        let root = governedRoot(approvals: ["bob", "carol"], windows: true)
        var s = dashboard(root, actor: "dave", now: closed)
        #expect(s.selectedPending?.blockers == [.window(name: "office-hours", opens: at("2026-11-24T08:00:00Z"))])
        let text = screen(s)
        #expect(text.contains("window closed · office-hours opens in 16h"), "the panel says when")
        #expect(text.contains("outside its deploy windows: office-hours opens Nov 24 08:00 UTC (in 16h)"))
        let before = root.fingerprint()
        #expect(press(&s, .char("p")).isEmpty)
        #expect(s.overlays.isEmpty)
        #expect(s.message?.text.contains("2.4.0 cannot enter production: window:office-hours") == true)
        #expect(root.fingerprint() == before)
    }

    @Test func insideAWindowPromoteGoesAhead() {
        let root = governedRoot(approvals: ["bob", "carol"], windows: true)
        var s = dashboard(root, actor: "dave", now: open)
        #expect(screen(s).contains("window office-hours open · 5h left"))
        _ = press(&s, .char("p"))
        type(&s, "production")
        let effects = press(&s, .enter)
        #expect(effects == [.perform(.promote(version: "2.4.0", to: "production"))])
        #expect(carryOut(effects, root, actor: "dave", now: open) != nil)
        #expect(root.load().promotions["production"]?.version == "2.4.0")
    }

    @Test func theClockOpensAndClosesTheWindowWithoutAChangeOnDisk() {
        let root = governedRoot(approvals: ["bob", "carol"], windows: true)
        var s = dashboard(root, actor: "dave", now: at("2026-11-23T07:59:59Z"))
        #expect(s.selectedPending?.state == .blocked)
        _ = Update.update(&s, .tick(at("2026-11-23T08:00:00Z")))
        #expect(s.selectedPending?.state == .ready, "09:00 in Berlin")
        _ = Update.update(&s, .tick(at("2026-11-23T15:00:00Z")))
        #expect(s.selectedPending?.blockers.map(\.code) == ["window:office-hours"], "16:00 in Berlin")
    }
}
