// The loop: wait on the terminal, file events and background results together; hand each to `update`; draw.

import AirlockCore
import AirlockStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Owns the state and curses for the dashboard's lifetime; every change of the state is a message to `update`.
final class DashboardLoop {
    private(set) var state: AppState
    let root: String
    let term: Terminal
    let catalog: ThemeCatalog
    let watcher: Watcher
    /// What is read: the pipeline root, or every pipeline of a fleet root.
    let source: DashboardSource
    let mailbox: Mailbox
    /// The store actions go through (it reports lock waits to the mailbox).
    let store: Store
    /// Actions run here, one after another, off the loop's thread.
    let queue = DispatchQueue(label: "airlock.actions")
    let hook = RunningHook()
    var quitGuard = QuitGuard()
    var dirty = true
    /// The frame on screen (for a tick that redraws the title row alone).
    private var lastFrame: Grid?
    private var lastPoll = Date()
    private var lastTick = Date()

    init(
        state: AppState, root: String, term: Terminal, catalog: ThemeCatalog, watcher: Watcher,
        source: DashboardSource, mailbox: Mailbox, store: Store
    ) {
        self.state = state
        self.root = root
        self.term = term
        self.catalog = catalog
        self.watcher = watcher
        self.source = source
        self.mailbox = mailbox
        self.store = store
    }

    /// Hands a message to `update` and carries out its effects; false when the dashboard should end.
    @discardableResult
    func send(_ msg: Msg, redraw: Bool = true) -> Bool {
        let effects = Update.update(&state, msg)
        if redraw { dirty = true }
        return interpret(effects)
    }

    func run() {
        while true {
            if dirty { draw() }
            // Wake for the next whole second (ages and the clock), or the next poll.
            let now = Date()
            var timeout = 1.0 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: 1.0)
            if watcher.fd < 0 || !watcher.unwatched.isEmpty {
                timeout = min(timeout, max(0, watcher.pollInterval - now.timeIntervalSince(lastPoll)))
            }
            var fds = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: mailbox.readFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: watcher.fd, events: Int16(POLLIN), revents: 0),
            ]
            let n = poll(&fds, watcher.fd >= 0 ? 3 : 2, Int32(max(1, timeout * 1000 + 1)))
            if n < 0 && errno != EINTR { return }
            // The terminal went away (a dropped connection): leave instead of spinning on a dead descriptor.
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return }
            guard readKeys() else { return }
            watchFiles(eventsWaiting: watcher.fd >= 0 && fds[2].revents & Int16(POLLIN) != 0)
            guard takeMail() else { return }
            tick()
        }
    }

    private func draw() {
        var grid = Views.render(state)
        if quitGuard.phase == .asking, let h = hook.current {
            Views.hookQuitQuestion(&grid, program: h.program, running: Date().timeIntervalSince(h.since))
        }
        term.draw(grid)
        lastFrame = grid
        dirty = false
    }

    /// Keys (and resizes: a SIGWINCH interrupts poll, curses then reports KEY_RESIZE); false to leave.
    private func readKeys() -> Bool {
        for input in term.readInput() {
            // While the hook question is up, keys answer it.
            if case .key(let k) = input, let decision = quitGuard.key(k) {
                if !follow(decision) { return false }
                continue
            }
            let msg: Msg
            switch input {
            case .key(let k): msg = .key(k)
            case .resize:
                let (w, h) = term.size
                msg = .resize(width: w, height: h)
            }
            if !send(msg) { return false }
        }
        return true
    }

    private func watchFiles(eventsWaiting: Bool) {
        if eventsWaiting {
            // Coalesce a burst (a CI job writing many files) into one reload of just those files.
            reload(watcher.drainBurst())
        } else if Date().timeIntervalSince(lastPoll) >= watcher.pollInterval {
            lastPoll = Date()
            if watcher.fd < 0 {
                reload()
            } else if watcher.refreshWatches() {
                // A folder came back (the root re-created, a checkout): look at everything once.
                reload()
            } else if !watcher.unwatched.isEmpty {
                // Folders the kernel would not watch: looked at every interval.
                reload(watcher.unwatched)
            }
            if watcher.mode != state.watchMode { send(.watchMode(watcher.mode)) }
        }
    }

    func reload(_ changed: Set<String>? = nil) {
        guard case .pipeline(let loader) = source else {
            reloadFleet(changed)
            return
        }
        let snap = loader.load(changed: changed)
        let now = Date()
        if loader.lastLoadChanged {
            send(.loaded(snap, at: now))
        } else {
            // Nothing to draw now: the next second's frame shows the new "read … ago".
            send(.readUnchanged(at: now), redraw: false)
        }
    }

    /// Results of background work (a non-blocking read: cheap when there is none); false to leave.
    private func takeMail() -> Bool {
        let delivery = mailbox.take()
        if delivery.quit == .now { return false }
        if delivery.quit == .ask, !follow(quitGuard.quitRequested(hookRunning: hook.current != nil)) { return false }
        for m in delivery.messages {
            if !send(m) { return false }
            switch m {
            case .actionDone:
                if hook.current == nil, !follow(quitGuard.hookEnded()) { return false }
                // inotify reports what the action wrote; only a polling dashboard looks at once.
                if watcher.fd < 0 { reload() }
            case .notice:
                // The demo wrote files: as after an action, a polling dashboard looks at once.
                if watcher.fd < 0 { reload() }
            default:
                break
            }
        }
        return true
    }

    private func tick() {
        let t = Date()
        guard Int(t.timeIntervalSince1970) != Int(lastTick.timeIntervalSince1970) else { return }
        lastTick = t
        let before = dirty || quitGuard.phase != .idle ? nil : TitleTick(state)
        send(.tick(t), redraw: false)
        // While quitting waits for a hook, say so for as long as it lasts (messages fade otherwise).
        if quitGuard.phase == .waiting || quitGuard.phase == .stopping {
            _ = follow(.stay)
        } else if case .log? = state.overlays.last {
            // The log view shows fixed times: while it is open an idle second draws nothing.
        } else if let grid = titleOnlyFrame(after: before, over: lastFrame) {
            // The fleet matrix while idle: only its title (the clock, "read … ago") changed.
            term.draw(grid, rows: 0..<1)
            lastFrame = grid
        } else {
            dirty = true
        }
    }
}
