// The keymap: the key bar and help screen it describes, and every binding reachable from its key and shown.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct KeymapTests {
    func bar(_ hints: [KeyHint]) -> [String] { hints.map { "\($0.key) \($0.label)" } }

    @Test func theKeyBarOfEveryContextIsTodays() {
        #expect(
            bar(Keymap.keyBarHints(in: .main)) == [
                "p promote", "a approve", "c checklist", "r rollback", "⏎ details", "L log", "d drift", "/ filter",
                "t theme", "? help", "q quit",
            ])
        let views = ["↑↓ scroll", "PgUp/PgDn page", "Esc close", "q quit"]
        for context in [KeyContext.help, .details, .log, .drift, .stats] {
            #expect(bar(Keymap.keyBarHints(in: context)) == views, "\(context)")
        }
        #expect(bar(Keymap.keyBarHints(in: .checklist)) == ["↑↓ move", "Space tick/untick", "Esc close", "q quit"])
        #expect(bar(Keymap.keyBarHints(in: .confirmYesNo)) == ["y confirm", "n/Esc cancel", "↑↓ what ships"])
        let typedBar = ["type the name", "⏎ confirm", "Esc cancel", "↑↓ what ships"]
        #expect(bar(Keymap.keyBarHints(in: .confirmTyped)) == typedBar)
        #expect(bar(Keymap.keyBarHints(in: .filter)) == ["type to filter", "⏎ keep", "Esc clear"])
        #expect(bar(Keymap.keyBarHints(in: .pickRollback)) == ["↑↓ choose", "⏎ roll back to it", "Esc cancel"])
        #expect(
            bar(Keymap.keyBarHints(in: .fleet)) == [
                "⏎ open", "p promote", "a approve", "c checklist", "r rollback", "/ filter", "s sort", ": jump",
                "L log",
                "? help", "q quit",
            ])
        #expect(bar(Keymap.keyBarHints(in: .jump)) == ["type a name", "Tab complete", "⏎ jump", "Esc cancel"])
    }

    @Test func theKeyBarFollowsTheViewOnTop() throws {
        var (s, _) = try demoState()
        #expect(Keymap.keyBarHints(for: s) == Keymap.keyBarHints(in: .main))
        s.overlays = [.help(scroll: 0), .filter("")]
        #expect(Keymap.keyBarHints(for: s) == Keymap.keyBarHints(in: .filter))
        let typed = Confirmation(action: .approve(version: "1", environment: "qa"), prompt: "", typeToConfirm: "qa")
        s.overlays = [.confirm(typed)]
        #expect(Keymap.keyBarHints(for: s) == Keymap.keyBarHints(in: .confirmTyped))
    }

    @Test func theHelpScreenListsTodaysKeysInOrder() {
        #expect(
            Keymap.helpEntries.map(\.keys) == [
                "Tab / Shift-Tab, ← →, h l", "↑ ↓, j k", "Enter",
                "p", "a", "c", "r", "L", "d", "/", "I", "t", "?", "Esc", "q", "Ctrl-L",
            ])
        #expect(Keymap.helpEntries.first?.text == "move between environment panels")
        #expect(Keymap.helpEntries.last?.text == "repaint the whole screen")
        #expect(
            Keymap.helpEntries.first { $0.keys == "Esc" }?.text == "close the top view (or clear the filter)")
    }

    /// A key of a text field that types: any character.
    func key(for pattern: KeyPattern) -> Key {
        switch pattern {
        case .key(let k): return k
        case .anyCharacter: return .char("x")
        }
    }

    /// A state in the context where each of its commands does something visible.
    func state(in context: KeyContext, for command: KeyCommand, fleet: Fleet) throws -> AppState {
        if context == .fleet || context == .jump {
            var s = AppState(fleet: fleet, now: fleetNow, actor: "alice", width: 120, height: 40)
            // payments, staging: a row above and below, a column either side, a ready promotion.
            s.fleet?.row = "payments"
            s.fleet?.column = "staging"
            if command == .clearFilter { s.fleet?.filter = "pay" }
            if context == .jump { s.overlays = [.jump("pa")] }
            return s
        }
        var (s, _) = try demoState()
        _ = press(&s, .tab, .tab)  // staging: a ready promotion waits to enter it
        let promote = Action.promote(version: "2.4.1", to: "staging")
        switch context {
        case .main:
            if command == .clearFilter { s.filter = "stag" }
        case .help: s.overlays = [.help(scroll: 5)]
        case .details: s.overlays = [.details(environment: "staging", scroll: 5)]
        case .log:
            s.overlays = [.log(scroll: 5)]
            var page = AuditPage()
            page.entries = Array(repeating: try #require(s.snapshot.audit.first), count: 200)
            s.logPage = page
        case .drift: s.overlays = [.drift(environment: "staging", scroll: 0)]
        case .stats:
            s.overlays = [.stats(scroll: 5)]
            let period = DeliveryPeriod(since: s.now.addingTimeInterval(-30 * 86400), now: s.now)
            let stats = DeliveryStats.compute(DeliveryLog(now: s.now), input: DeliveryInput(s.snapshot), period: period)
            s.statsPage = .ready(stats, pipeline: "shop")
        case .checklist: s.overlays = [.checklist(version: "2.4.1", target: "staging", cursor: 3)]
        case .confirmYesNo, .confirmTyped:
            // What ships is long (candidates between 2.4.0 and 2.4.1) and scrolled a little, so it scrolls both ways.
            for i in 1...60 { s.snapshot.releases["2.4.1-rc.\(i)"] = Release(version: "2.4.1-rc.\(i)") }
            let typed = context == .confirmTyped ? "staging" : nil
            s.overlays = [
                .confirm(
                    Confirmation(action: promote, prompt: "?", typeToConfirm: typed, typed: typed ?? "", scroll: 1))
            ]
        case .filter:
            s.filter = "st"
            s.overlays = [.filter("st")]
        case .pickRollback: s.overlays = [.pickRollback(environment: "staging", versions: ["a", "b", "c"], cursor: 1)]
        case .fleet, .jump: break
        }
        return s
    }

    /// Every binding's keys produce its command in its context, the command changes the state or asks for an
    /// effect there, and the binding is shown: in the context's key bar, or (main screen) on the help screen.
    @Test func everyBindingIsReachableAndShown() throws {
        let root = try makeFleetRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fleet = loadFleet(root)
        for context in KeyContext.allCases {
            let bar = Keymap.keyBarHints(in: context)
            for binding in Keymap.bindings(context) + Keymap.global {
                let shownInBar = binding.hint.map { bar.contains($0) } ?? false
                let help = context == .fleet ? Keymap.fleetHelpEntries : Keymap.helpEntries
                let shownInHelp = binding.help.map { help.contains($0) } ?? false
                let isMainOrGlobal = context == .main || context == .fleet || Keymap.global.contains(binding)
                #expect(shownInBar || (isMainOrGlobal && shownInHelp), "\(context): \(binding) is not shown")
                for stroke in binding.strokes {
                    let key = key(for: stroke.pattern)
                    #expect(
                        Keymap.command(for: key, in: context) == stroke.command,
                        "\(context): \(key) is taken by another binding")
                    // The drift table has nothing to scroll (its key bar is the other views'; unchanged here).
                    if context == .drift, case .scroll = stroke.command { continue }
                    var s = try state(in: context, for: stroke.command, fleet: fleet)
                    let before = s
                    let effects = Update.update(&s, .key(key))
                    #expect(
                        !effects.isEmpty || s != before, "\(context): \(key) (\(stroke.command)) does nothing")
                }
            }
        }
    }

    @Test func unboundKeysDoNothingOnTheMainScreen() throws {
        var (s, _) = try demoState()
        let before = s
        for key: Key in [.char(" "), .char("z"), .backspace, .pageDown, .home] {
            #expect(Keymap.command(for: key, in: .main) == nil)
            #expect(press(&s, key).isEmpty)
        }
        #expect(s == before)
    }

    @Test func everyOverlayHasAContextWithBindings() {
        let c = Confirmation(action: .approve(version: "1", environment: "qa"), prompt: "", typeToConfirm: nil)
        let overlays: [Overlay] = [
            .help(scroll: 0), .details(environment: "qa", scroll: 0), .checklist(version: "1", target: nil, cursor: 0),
            .log(scroll: 0), .drift(environment: "qa", scroll: 0), .confirm(c), .filter(""),
            .pickRollback(environment: "qa", versions: [], cursor: 0), .jump(""), .stats(scroll: 0),
        ]
        // Not a view's: the main screen, the fleet matrix; the typed confirmation is the other confirm's.
        #expect(Set(overlays.map { "\(KeyContext($0))" }).count == KeyContext.allCases.count - 3)
        for o in overlays { #expect(!Keymap.keyBarHints(in: KeyContext(o)).isEmpty) }
    }
}
