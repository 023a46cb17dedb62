// The confirm dialog on small screens, details of odd status files, and quitting while the hook runs.

import AirlockDemo
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

#if canImport(Glibc)
    import Glibc
#endif

/// The confirmation dialog, freeze and deployment lines, and quitting while a hook runs.
@Suite struct DialogAndHookTests {
    func text(_ g: Grid) -> String { g.lines.joined(separator: "\n") }

    @Test(arguments: [(120, 40), (50, 12)])
    func aLongTypedNameStaysInsideTheDialog(width: Int, height: Int) throws {
        var (s, root) = try demoState(width: width, height: height)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let prompt = "Promote 2.4.0 from staging into production?"
        s.overlays.append(
            .confirm(
                Confirmation(
                    action: .promote(version: "2.4.0", to: "production"), prompt: prompt,
                    typeToConfirm: "production")))
        type(&s, String(repeating: "production", count: 6))
        let g = Views.render(s)
        let w = min(width - 4, 100)  // a promotion's dialog: wide enough for what ships
        let left = (width - w) / 2
        let right = left + w - 1
        let row = try #require((0..<g.height).first { y in g.lines[y].contains("> ") }, "\(text(g))")
        #expect(g[left, row].char == "│" && g[right, row].char == "│", "\(g.lines[row])")
        // Nothing typed beyond the border, and the end of what was typed (with the cursor) is shown.
        for x in (right + 1)..<g.width { #expect(g[x, row].char == " ", "column \(x): \(g.lines[row])") }
        // Cut at its start only when wider than the field (border, "> " and the cursor aside).
        let cut = 60 > w - 7 ? "…" : "> production"
        #expect(g.lines[row].contains(cut) && g.lines[row].contains("production▏"), "\(g.lines[row])")
    }

    @Test func aFreezeEndingInAnotherYearSaysWhichYear() throws {
        var (s, root) = try demoState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let until = try #require(TimeFormat.parseTimestamp("2027-01-03T00:00:00Z"))
        let from = s.now.addingTimeInterval(-3600)
        let freeze = Freeze(environments: ["production"], from: from, until: until, reason: "year end")
        s.snapshot.pipeline?.freezes = [freeze]
        s.recompute()
        let screen = text(Views.render(s))
        #expect(screen.contains("❄ frozen till Jan 3 2027"), "\(screen)")
        #expect(screen.contains("frozen: year end, until Jan 3 2027 00:00 UTC"), "\(screen)")
        // Within this year the year is left out.
        let sameYear = try #require(TimeFormat.parseTimestamp("2026-12-27T00:00:00Z"))
        #expect(TimeFormat.formatShort(sameYear, now: s.now) == "Dec 27 00:00 UTC")
        #expect(TimeFormat.formatShort(until, now: s.now) == "Jan 3 2027 00:00 UTC")
    }

    @Test func deployedByShowsWithoutDeployedAt() throws {
        var (s, root) = try demoState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        s.snapshot.environments["qa"]?.deployedAt = nil
        s.snapshot.environments["qa"]?.deployedBy = "ci-bot"
        #expect(text(Views.render(s)).contains("deployed by ci-bot"))
        s.overlays.append(.details(environment: "qa", scroll: 0))
        #expect(text(Views.render(s)).contains("deployed by ci-bot (the file does not say when)"))
    }

    // MARK: - Quitting while a hook runs

    @Test func quittingWithoutAHookLeaves() {
        var q = QuitGuard()
        #expect(q.quitRequested(hookRunning: false) == .leave)
    }

    @Test func quittingWhileAHookRunsAsksThenWaitsOrStops() {
        var q = QuitGuard()
        #expect(q.quitRequested(hookRunning: true) == .stay)
        #expect(q.phase == .asking)
        #expect(q.key(.char("x")) == .stay && q.phase == .asking, "other keys do not answer")
        #expect(q.key(.esc) == .stay && q.phase == .idle, "Esc keeps working")
        #expect(q.key(.char("q")) == nil, "with no question up, keys are the dashboard's")

        _ = q.quitRequested(hookRunning: true)
        #expect(q.key(.char("w")) == .stay && q.phase == .waiting)
        #expect(q.hookEnded() == .leave, "waiting: leave once the hook ends")

        var stop = QuitGuard()
        _ = stop.quitRequested(hookRunning: true)
        #expect(stop.key(.char("s")) == .stopHook && stop.phase == .stopping)
        #expect(stop.hookEnded() == .leave)

        var twice = QuitGuard()
        _ = twice.quitRequested(hookRunning: true)
        #expect(twice.quitRequested(hookRunning: true) == .stopHook, "asked twice (Ctrl-C again): stop it")
    }

    @Test func theQuestionNamesTheHookAndBothChoices() throws {
        var (s, root) = try demoState()
        defer { try? FileManager.default.removeItem(atPath: root) }
        s.width = 120
        var g = Views.render(s)
        Views.hookQuitQuestion(&g, program: "./deploy.sh", running: 75)
        let screen = text(g)
        #expect(screen.contains("The hook ./deploy.sh has run for 1m."))
        #expect(screen.contains("w  wait for it to finish, then quit") && screen.contains("s  stop it"))
    }

    /// The dashboard's path: an action whose hook never ends, run on a dispatch queue (whose threads block
    /// signals) and stopped from another thread as quitting does. Its whole group goes, and it saw no blocked signal.
    @Test(.timeLimit(.minutes(1)))
    func stoppingTheDashboardsHookStopsItsWholeGroup() throws {
        let root = try DemoRoot.create()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The pid file is written last, so the signals are on disk once the test sees it.
        let script =
            "#!/bin/sh\ngrep -E '^SigBlk' /proc/self/status > signals.txt\necho $$ > hook.pid.tmp\n"
            + "mv hook.pid.tmp hook.pid\n"
            + "sleep 1000 &\nsleep 1000\n"
        writeScript(script, to: root + "/hook.sh")
        let yaml = try String(contentsOfFile: root + "/airlock.yaml", encoding: .utf8)
        let withHook = yaml + "\nhooks:\n  promote: [./hook.sh]\n"
        try withHook.write(toFile: root + "/airlock.yaml", atomically: true, encoding: .utf8)

        let hook = RunningHook()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Msg?
        DispatchQueue(label: "test.actions").async {
            result = DashboardApp.perform(
                .promote(version: "2.4.1", to: "staging"), store: Store(root: root),
                actor: "alice", root: root, hook: hook)
            done.signal()
        }
        // Wait for the hook to be running (its pid written), as a person pressing q would see it.
        let deadline = Date().addingTimeInterval(20)
        var pgid: pid_t?
        while pgid == nil && Date() < deadline {
            if hook.current != nil, let text = try? String(contentsOfFile: root + "/hook.pid", encoding: .utf8) {
                pgid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if pgid == nil { usleep(20_000) }
        }
        let group = try #require(pgid)
        #expect(kill(-group, 0) == 0, "the hook runs")
        hook.close()
        #expect(done.wait(timeout: .now() + 10) == .success, "stopped within the grace time")
        guard case .actionDone(let message, let isError)? = result else {
            Issue.record("no result")
            return
        }
        #expect(isError && message.contains("hook ./hook.sh was stopped before it finished"), "\(message)")
        #expect(kill(-group, 0) == -1 && errno == ESRCH, "no process of the hook's group remains")
        let signals = try String(contentsOfFile: root + "/signals.txt", encoding: .utf8)
        #expect(signals.trimmingCharacters(in: .whitespacesAndNewlines) == "SigBlk:\t0000000000000000", "\(signals)")
    }
}
