// The dashboard's entry point: choose the theme, start the terminal, the watcher and background work, run the loop,
// and put everything back as it was.

import AirlockCore
import AirlockStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Entry point of the dashboard: one loop waits on the terminal, file events and background results together.
public enum DashboardApp {
    public static func run(root: String, theme themeArg: String?, demo: (any DashboardSimulator)?) -> Int32 {
        let env = ProcessInfo.processInfo.environment
        let catalog = ThemeCatalog.load()
        let theme: Theme
        var themeWarning: String?
        do {
            theme = try catalog.theme(themeArg ?? env["AIRLOCK_THEME"] ?? "default")
        } catch {
            // A theme asked for by name is an error; a broken default of the user's falls back to the built-in one.
            guard themeArg == nil && env["AIRLOCK_THEME"] == nil,
                let builtIn = Embedded.themes.first(where: { $0.0 == "default.yaml" }),
                let fallback = try? Theme.parse(builtIn.1, path: "built-in themes/default.yaml")
            else {
                Console.err("airlock: theme \(error)")
                return 2
            }
            theme = fallback
            themeWarning = "theme \(error) (using the built-in default)"
        }
        guard isatty(0) != 0, isatty(1) != 0 else {
            Console.err("airlock: the dashboard needs a terminal (use airlock status for a snapshot)")
            return 2
        }
        let noColor = env["NO_COLOR"].map { !$0.isEmpty } ?? false
        var actor = Identity.actor()
        if demo != nil && env["AIRLOCK_USER"] == nil { actor = "alice" }
        let pollInterval = env["AIRLOCK_POLL_INTERVAL"].flatMap(Double.init).map { max(0.1, $0) } ?? 2
        // A fleet root (its subfolders are pipelines) opens the fleet screen; anything else a pipeline's.
        let isFleet: Bool
        if case .fleet = RootKind.of(root) { isFleet = true } else { isFleet = false }
        let watcher = Watcher(
            root: root, forcePolling: env["AIRLOCK_WATCH"] == "poll", pollInterval: pollInterval, fleet: isFleet)
        let source: DashboardSource = isFleet ? .fleet(FleetLoader(root: root)) : .pipeline(RootLoader(root: root))
        let mailbox = Mailbox()
        let lockWaitCancel = LockWaitCancel()

        // Signals become messages to the loop, which leaves through the same door as q (terminal restored).
        // Ctrl-\ (SIGQUIT) is a way to quit like Ctrl-C, not a crash report over the screen.
        // (Hooks start with every signal at its default, so these dispositions are not theirs.)
        var signalSources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGQUIT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            let how: Mailbox.QuitSignal = sig == SIGINT || sig == SIGQUIT ? .ask : .now
            src.setEventHandler { mailbox.requestQuit(how) }
            src.resume()
            signalSources.append(src)
        }
        defer { for s in signalSources { s.cancel() } }

        let term: Terminal
        do {
            term = try Terminal(noColor: noColor)
        } catch {
            Console.err("airlock: \(error)")
            return 2
        }
        defer { term.shutdown() }
        term.apply(theme)
        let (w, h) = term.size
        var state: AppState
        switch source {
        case .pipeline(let loader):
            state = AppState(snapshot: loader.load(), now: Date(), actor: actor, width: w, height: h)
        case .fleet(let loader):
            state = AppState(
                fleet: DashboardLoop.loadFleet(loader, changed: nil), now: Date(), actor: actor, width: w, height: h)
        }
        state.watchMode = watcher.mode
        state.themeName = theme.name
        state.themeNames = catalog.names
        state.noColor = noColor
        state.demo = demo != nil
        let loop = DashboardLoop(
            state: state, root: root, term: term, catalog: catalog, watcher: watcher, source: source, mailbox: mailbox,
            store: actionStore(root: root, mailbox: mailbox, cancel: lockWaitCancel))
        if demo != nil {
            loop.send(.notice("demo: CI deploys to development, checks flap, CD completes requests. ? for help"))
        }
        if let themeWarning { loop.send(.notice(themeWarning, isError: true)) }
        demo?.start { mailbox.post(.notice($0, isError: false)) }
        defer { demo?.stop() }

        // With sync.git: fetch every interval in the background (never blocking keys or drawing), backing off on
        // errors.
        // A fleet fetches once per git work tree (its pipelines share it), a pipeline root with its own or its
        // fleet's sync.git.
        // (Each sync root's pipeline is the one already read, not read again.)
        var syncRoots: [(root: String, pipeline: Pipeline?)] = []
        if let fleet = loop.state.fleet?.fleet {
            syncRoots = FleetLoader.syncRoots(root: root, fleet: fleet).map { folder in
                (folder, fleet.members.first { root + "/" + $0.folder == folder }?.snapshot.pipeline)
            }
        } else {
            syncRoots = [(root, loop.state.snapshot.pipeline)]
        }
        let syncers = syncRoots.compactMap { sync -> (BackgroundSync, TimeInterval)? in
            guard let cfg = GitSync.settings(root: sync.root, pipeline: sync.pipeline),
                GitSync(root: sync.root, config: cfg).isWorkTree
            else { return nil }
            return (BackgroundSync(store: Store(root: sync.root), mailbox: mailbox), cfg.interval)
        }
        if !syncers.isEmpty { loop.send(.syncStarted) }
        for (syncer, interval) in syncers { syncer.start(interval: interval) }
        defer { for (syncer, _) in syncers { syncer.stop() } }

        loop.run()
        // An action still running finishes (its files and audit line complete) before the process ends; one still
        // waiting for the lock stops waiting (it has written nothing); a hook still running is stopped (TERM to its
        // group, KILL after the grace time) and waited for.
        loop.hook.close()
        lockWaitCancel.cancel()
        loop.queue.sync {}
        // Then a git fetch still under way in the background is stopped with its group, not left running.
        for (syncer, _) in syncers { syncer.stop() }
        if !syncers.isEmpty { RunningGroups.stopAll() }
        for (syncer, _) in syncers { syncer.join(timeout: 5) }
        return 0
    }
}

extension Msg {
    /// A status line that is not an error.
    static func notice(_ text: String) -> Msg { .notice(text, isError: false) }
}
