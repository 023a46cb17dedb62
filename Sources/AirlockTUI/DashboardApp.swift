import AirlockCore
import AirlockStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Messages from background work (actions, signals, the demo) to the loop, which owns curses.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Msg] = []
    private var quitRequested: QuitSignal?
    let readFD: Int32
    let writeFD: Int32

    init() {
        var fds: [Int32] = [0, 0]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        } else {
            fds = [-1, -1]
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    func post(_ m: Msg) {
        lock.lock()
        items.append(m)
        lock.unlock()
        wake()
    }

    /// How a signal asks the dashboard to end.
    enum QuitSignal {
        /// Ctrl-C or Ctrl-\: as q (with a hook running, ask first).
        case ask
        /// SIGTERM or SIGHUP: stop any hook's group and leave.
        case now
    }

    func requestQuit(_ how: QuitSignal) {
        lock.lock()
        if quitRequested != .now { quitRequested = how }
        lock.unlock()
        wake()
    }

    private func wake() {
        var b: UInt8 = 1
        _ = write(writeFD, &b, 1)
    }

    func take() -> (messages: [Msg], quit: QuitSignal?) {
        var buf = [UInt8](repeating: 0, count: 256)
        while buf.withUnsafeMutableBytes({ read(readFD, $0.baseAddress, $0.count) }) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let out = items
        items = []
        let quit = quitRequested
        quitRequested = nil
        return (out, quit)
    }
}

/// Runs `airlock sync` every interval on its own thread; after a failure waits twice as long each time (up to 5 minutes).
final class BackgroundSync: @unchecked Sendable {
    let store: Store
    let mailbox: Mailbox
    private let lock = NSLock()
    private var running = false

    init(store: Store, mailbox: Mailbox) {
        self.store = store
        self.mailbox = mailbox
    }

    func start(interval: TimeInterval) {
        lock.lock()
        running = true
        lock.unlock()
        let t = Thread { [self] in
            var wait: TimeInterval = 0
            var failures = 0
            while true {
                // Sleep in short steps so quitting never waits for a whole interval.
                var slept: TimeInterval = 0
                while slept < wait {
                    if !isRunning { return }
                    Thread.sleep(forTimeInterval: 0.2)
                    slept += 0.2
                }
                if !isRunning { return }
                do throws(OperationError) {
                    _ = try store.sync()
                    failures = 0
                    mailbox.post(.synced(at: Date(), error: nil))
                } catch {
                    failures += 1
                    mailbox.post(.synced(at: Date(), error: error.message))
                }
                wait = failures == 0 ? interval : min(300, interval * pow(2, Double(min(failures, 10))))
            }
        }
        t.name = "airlock-sync"
        t.start()
    }

    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
    }
}

/// Entry point of the dashboard: one loop waits on the terminal, file events and background results together.
public enum DashboardApp {
    public static func run(root: String, theme themeArg: String?, demo: DemoSimulator?) -> Int32 {
        let env = ProcessInfo.processInfo.environment
        let catalog = ThemeCatalog.load()
        var themeName = themeArg ?? env["AIRLOCK_THEME"] ?? "default"
        var theme: Theme
        var themeWarning: String?
        do {
            theme = try catalog.theme(themeName)
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
        themeName = theme.name
        guard isatty(0) != 0, isatty(1) != 0 else {
            Console.err("airlock: the dashboard needs a terminal (use airlock status for a snapshot)")
            return 2
        }
        let noColor = env["NO_COLOR"].map { !$0.isEmpty } ?? false
        var actor = Identity.actor()
        if demo != nil && env["AIRLOCK_USER"] == nil { actor = "alice" }
        let pollInterval = env["AIRLOCK_POLL_INTERVAL"].flatMap(Double.init).map { max(0.1, $0) } ?? 2
        let watcher = Watcher(root: root, forcePolling: env["AIRLOCK_WATCH"] == "poll", pollInterval: pollInterval)
        let loader = RootLoader(root: root)
        let mailbox = Mailbox()
        let lockWaitCancel = LockWaitCancel()
        let store = actionStore(root: root, mailbox: mailbox, cancel: lockWaitCancel)

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
        var state = AppState(snapshot: loader.load(), now: Date(), actor: actor, width: w, height: h)
        state.watchMode = watcher.mode
        state.themeName = themeName
        state.demo = demo != nil
        if demo != nil { state.say("demo: CI deploys to development, checks flap, CD completes requests. ? for help") }
        if let themeWarning { state.say(themeWarning, error: true) }
        demo?.start(mailbox: mailbox)
        defer { demo?.stop() }

        // With sync.git: fetch every interval in the background (never blocking keys or drawing), backing off on errors.
        let syncer = BackgroundSync(store: Store(root: root), mailbox: mailbox)
        if let cfg = state.snapshot.pipeline?.sync, GitSync(root: root, config: cfg).isWorkTree {
            state.syncEnabled = true
            syncer.start(interval: cfg.interval)
        }
        defer { syncer.stop() }

        var lastPoll = Date()
        var lastTick = Date()
        var dirty = true
        let queue = DispatchQueue(label: "airlock.actions")
        let hook = RunningHook()
        var quitGuard = QuitGuard()
        // Whatever way the loop ends, no hook is left running: its group is stopped and waited for (below).
        defer { hook.close() }

        /// Applies what quitting decided; false when the loop should end.
        func follow(_ decision: QuitGuard.Decision) -> Bool {
            dirty = true
            switch decision {
            case .leave: return false
            case .stay:
                if let h = hook.current {
                    let name = Sanitize.value(h.program, limit: 40)
                    let ran = TimeFormat.formatAge(Date().timeIntervalSince(h.since))
                    if quitGuard.phase == .waiting {
                        state.say("waiting for the hook \(name) (\(ran)) to finish, then quitting (q again stops it)")
                    } else if quitGuard.phase == .stopping {
                        state.say("stopping the hook \(name)… (KILL 5 s after TERM)", error: true)
                    }
                }
                return true
            case .stopHook:
                if let h = hook.current {
                    state.say("stopping the hook \(Sanitize.value(h.program, limit: 40))…", error: true)
                }
                hook.stop()
                return true
            }
        }

        func reload(_ changed: Set<String>? = nil) {
            let snap = loader.load(changed: changed)
            let now = Date()
            if loader.lastLoadChanged {
                _ = handle(Update.update(&state, .loaded(snap, at: now)))
                dirty = true
            } else {
                state.lastRead = now
            }
        }

        func handle(_ effects: [Effect]) -> Bool {
            for e in effects {
                switch e {
                case .quit: return follow(quitGuard.quitRequested(hookRunning: hook.current != nil))
                case .repaint:
                    term.repaintAll()
                    dirty = true
                case .nextTheme:
                    let names = catalog.names
                    let i = names.firstIndex(of: state.themeName) ?? -1
                    let next = names.isEmpty ? "default" : names[(i + 1) % names.count]
                    do {
                        let t = try catalog.theme(next)
                        term.apply(t)
                        _ = Update.update(&state, .themeChanged(name: t.name, error: nil))
                        if noColor { state.say("theme: \(t.name) (NO_COLOR is set: monochrome)") }
                    } catch {
                        _ = Update.update(&state, .themeChanged(name: next, error: "theme \(error)"))
                        state.themeName = next  // so the next t moves past the broken one
                    }
                case .readLog(let want):
                    // A page of the log (bounded bytes per request), read here: it is what the next frame shows.
                    let view = state
                    let page = AuditPager.read(
                        view.logPage, root: root, want: want, filter: view.filter,
                        matches: view.logMatches)
                    _ = Update.update(&state, .logRead(page))
                case .findRollback(let env):
                    queue.async {
                        if let choices = store.rollbackChoices(environment: env) {
                            mailbox.post(.rollbackChoices(choices))
                        }
                    }
                case .perform(let action):
                    let actor = state.actor
                    queue.async {
                        let msg = perform(action, store: store, actor: actor, root: root, hook: hook)
                        mailbox.post(msg)
                    }
                }
            }
            dirty = true
            return true
        }

        var running = true
        while running {
            if dirty {
                var grid = Views.render(state)
                if quitGuard.phase == .asking, let h = hook.current {
                    Views.hookQuitQuestion(&grid, program: h.program, running: Date().timeIntervalSince(h.since))
                }
                term.draw(grid)
                dirty = false
            }
            // Wake for the next whole second (ages and the clock), or the next poll.
            let now = Date()
            var timeout = 1.0 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: 1.0)
            if watcher.fd < 0 { timeout = min(timeout, max(0, watcher.pollInterval - now.timeIntervalSince(lastPoll))) }
            var fds = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: mailbox.readFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: watcher.fd, events: Int16(POLLIN), revents: 0),
            ]
            let n = poll(&fds, watcher.fd >= 0 ? 3 : 2, Int32(max(1, timeout * 1000 + 1)))
            if n < 0 && errno != EINTR { break }
            // The terminal went away (a dropped connection): leave instead of spinning on a dead descriptor.
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { break }

            // Keys (and resizes: a SIGWINCH interrupts poll, curses then reports KEY_RESIZE).
            for input in term.readInput() {
                // While the hook question is up, keys answer it.
                if case .key(let k) = input, let decision = quitGuard.key(k) {
                    if !follow(decision) {
                        running = false
                        break
                    }
                    continue
                }
                let msg: Msg
                switch input {
                case .key(let k): msg = .key(k)
                case .resize:
                    let (w, h) = term.size
                    msg = .resize(width: w, height: h)
                }
                if !handle(Update.update(&state, msg)) {
                    running = false
                    break
                }
            }
            if !running { break }

            if watcher.fd >= 0, fds[2].revents & Int16(POLLIN) != 0 {
                // Coalesce a burst (a CI job writing many files) into one reload of just those files.
                var changed: Set<String>? = []
                watcher.drain(into: &changed)
                var quiet = pollfd(fd: watcher.fd, events: Int16(POLLIN), revents: 0)
                var waited = 0
                while waited < 20, poll(&quiet, 1, 2) > 0 {
                    watcher.drain(into: &changed)
                    waited += 2
                }
                reload(changed)
            } else if Date().timeIntervalSince(lastPoll) >= watcher.pollInterval {
                lastPoll = Date()
                if watcher.fd < 0 {
                    reload()
                } else if watcher.refreshWatches() {
                    // A folder came back (the root re-created, a checkout): look at everything once.
                    reload()
                }
            }

            // Results of background work (a non-blocking read: cheap when there is none).
            let (messages, quit) = mailbox.take()
            if quit == .now { break }
            if quit == .ask, !follow(quitGuard.quitRequested(hookRunning: hook.current != nil)) { break }
            for m in messages {
                _ = Update.update(&state, m)
                if case .actionDone = m, hook.current == nil, !follow(quitGuard.hookEnded()) { running = false }
                // inotify reports what the action wrote; only a polling dashboard looks at once.
                if case .actionDone = m, watcher.fd < 0 { reload() }
                dirty = true
            }

            let t = Date()
            if Int(t.timeIntervalSince1970) != Int(lastTick.timeIntervalSince1970) {
                lastTick = t
                _ = Update.update(&state, .tick(t))
                // While quitting waits for a hook, say so for as long as it lasts (messages fade otherwise).
                if quitGuard.phase == .waiting || quitGuard.phase == .stopping {
                    _ = follow(.stay)
                    dirty = true
                } else if case .log? = state.overlays.last {
                    // The log view shows fixed times: while it is open an idle second draws nothing.
                } else {
                    dirty = true
                }
            }
        }
        for s in signalSources { s.cancel() }
        // An action still running finishes (its files and audit line complete) before the process ends; one still
        // waiting for the lock stops waiting (it has written nothing); a hook still running is stopped (TERM to its
        // group, KILL after the grace time) and waited for.
        hook.close()
        lockWaitCancel.cancel()
        queue.sync {}
        return 0
    }

    /// Runs one action through the store (the same rules, lock and audit as the command line).
    static func perform(
        _ action: Action, store: Store, actor: String, root: String,
        hook: RunningHook = RunningHook()
    ) -> Msg {
        do {
            let result: OperationResult
            switch action {
            case .promote(let version, let to):
                result = try store.promote(version: version, to: to, actor: actor, confirmed: true)
            case .rollback(let env, let to):
                result = try store.rollback(environment: env, to: to, actor: actor, confirmed: true)
            case .approve(let version, let env):
                result = try store.approve(version: version, environment: env, actor: actor)
            case .setItem(let version, let item, let done):
                result = try store.setChecklistItem(version: version, item: item, done: done, note: nil, actor: actor)
            }
            if let argv = result.hook, let program = argv.first {
                // The hook's output is discarded: the terminal is the dashboard's.
                let failure = hook.run(program) { HookRunner.run(argv, root: root, quiet: true, control: $0) }
                if let failure { return .actionDone(message: "\(result.message); \(failure)", isError: true) }
            }
            if let warning = result.warning {
                return .actionDone(message: "\(result.message); \(warning)", isError: true)
            }
            return .actionDone(message: result.message, isError: false)
        } catch {
            return .actionDone(message: error.message, isError: true)
        }
    }
}
