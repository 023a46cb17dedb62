// What `wait` and `status --watch` share: a follower of the root, the signals that end them, and git sync.
import AirlockStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A root followed by a command until a signal ends it: inotify or polling as the dashboard does
/// (`AIRLOCK_WATCH=poll`, `AIRLOCK_POLL_INTERVAL`), with sync.git fetched every interval in the background.
final class Following: @unchecked Sendable {
    let follower: RootFollower
    private var sources: [DispatchSourceSignal] = []
    private var syncs: [PeriodicSync] = []
    // Held by the signal handlers and the sync threads instead of this object: no cycle through them (weak
    // references would do, but their side tables read as leaks to LeakSanitizer).
    private let caught = Counter()
    private let pendingFirst = Counter()

    init(root: String, fleet: Bool) {
        let env = ProcessInfo.processInfo.environment
        let interval = env["AIRLOCK_POLL_INTERVAL"].flatMap(Double.init).map { max(0.1, $0) } ?? 2
        follower = RootFollower(
            root: root, fleet: fleet, forcePolling: env["AIRLOCK_WATCH"] == "poll", pollInterval: interval)
        // A reader that went away is seen as a failed write (EPIPE), not a signal that ends the process.
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            src.setEventHandler { [caught, follower] in
                caught.setIfZero(sig)
                follower.interrupt()
            }
            src.resume()
            sources.append(src)
        }
    }

    /// The signal that asked the command to end (0: none).
    var signalCaught: Int32 { caught.value }

    /// With sync.git (and the root in a git work tree): fetch every interval; `report` hears each failure and the
    /// first success after one (on the sync's thread).
    /// Returns how many syncs started; `firstSyncPending` tells whether one has not finished its first attempt.
    @discardableResult
    func startSync(report: @escaping @Sendable (String?) -> Void) -> Int {
        let waker = follower.waker
        let lastError = LastError()
        let roots = PeriodicSync.roots(root: follower.root, reading: follower.reading)
        pendingFirst.add(Int32(roots.count))
        for (root, interval) in roots {
            let first = FirstAttempt()
            let sync = PeriodicSync(store: Store(root: root), interval: interval) { [pendingFirst] _, error in
                if lastError.changed(to: error) { report(error) }
                if first.take() { pendingFirst.add(-1) }
                // A failed first attempt wakes the reader too: it then judges the local state.
                waker.lookAgain()
            }
            sync.start()
            syncs.append(sync)
        }
        return roots.count
    }

    /// Whether a sync has not yet finished its first attempt (with sync.git, the first verdict waits for it).
    var firstSyncPending: Bool { pendingFirst.value > 0 }

    /// Stops the syncs and, before the command exits, the whole process group of a git still running; then waits
    /// for the sync threads to end, so nothing they hold outlives the command.
    func stop() {
        for s in syncs { s.stop() }
        RunningGroups.stopAll()
        for s in syncs { s.join(timeout: 5) }
        for s in sources { s.cancel() }
        sources.removeAll()
    }

    /// The name a signal is told by.
    static func name(_ sig: Int32) -> String { StopSignals.name(sig) }
}

/// A number shared between threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var number: Int32 = 0

    var value: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return number
    }

    func add(_ n: Int32) {
        lock.lock()
        number += n
        lock.unlock()
    }

    /// Sets the number unless one is set already (the first signal wins).
    func setIfZero(_ n: Int32) {
        lock.lock()
        if number == 0 { number = n }
        lock.unlock()
    }
}

/// The last sync error seen, shared with the sync's thread.
private final class LastError: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?

    /// Stores `new`; true when it differs from the last (a first failure, a different one, or a recovery).
    func changed(to new: String?) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let old = value
        value = new
        return old != new
    }
}

/// Whether a sync's first attempt was already reported (the first call takes it).
private final class FirstAttempt: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = false

    func take() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let first = !taken
        taken = true
        return first
    }
}
