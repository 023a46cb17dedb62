// With sync.git: `airlock sync` on its own thread every interval, backing off after failures; each result reported.

import AirlockCore
import Foundation

/// Runs the store's sync at once and then every interval on its own thread; after a failure it waits twice as
/// long each time (up to 5 minutes). Used by the dashboard and by the commands that follow a root.
public final class PeriodicSync: @unchecked Sendable {
    public let store: Store
    public let interval: TimeInterval
    private let report: @Sendable (Date, String?) -> Void
    private let lock = NSLock()
    private var running = false
    private var startedThread = false
    /// Signalled once by the thread as it ends.
    private let ended = DispatchSemaphore(value: 0)

    /// `report` is called on the sync's thread after every attempt: the time, and the error (nil: synced).
    public init(store: Store, interval: TimeInterval, report: @escaping @Sendable (Date, String?) -> Void) {
        self.store = store
        self.interval = interval
        self.report = report
    }

    public func start() {
        lock.lock()
        running = true
        startedThread = true
        lock.unlock()
        let t = Thread { [self] in
            defer { ended.signal() }
            var wait: TimeInterval = 0
            var failures = 0
            while true {
                // Sleep in short steps so stopping never waits for a whole interval.
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
                    if isRunning { report(Date(), nil) }
                } catch {
                    failures += 1
                    // A git stopped because the command ends is no failure worth telling.
                    if isRunning { report(Date(), error.message) }
                }
                wait = failures == 0 ? interval : min(300, interval * pow(2, Double(min(failures, 10))))
            }
        }
        t.name = "airlock-sync"
        t.start()
    }

    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    public func stop() {
        lock.lock()
        running = false
        lock.unlock()
    }

    /// Waits up to `timeout` for a stopped sync's thread to end (a git under way is the caller's to stop first,
    /// with `RunningGroups.stopAll`); true when it ended. A sync never started counts as ended.
    @discardableResult
    public func join(timeout: TimeInterval) -> Bool {
        lock.lock()
        let started = startedThread
        lock.unlock()
        guard started else { return true }
        guard ended.wait(timeout: .now() + timeout) == .success else { return false }
        ended.signal()  // later joins return at once
        return true
    }

    /// One sync per git work tree the root reads: a pipeline root with its own (or its fleet's) sync.git, or each
    /// work tree of a fleet once. Roots outside a git work tree do not sync.
    public static func roots(root: String, reading: RootFollower.Reading) -> [(root: String, interval: TimeInterval)] {
        var candidates: [(root: String, pipeline: Pipeline?)] = []
        switch reading {
        case .pipeline(let snap): candidates = [(root, snap.pipeline)]
        case .fleet(let fleet):
            candidates = FleetLoader.syncRoots(root: root, fleet: fleet).map { folder in
                (folder, fleet.members.first { root + "/" + $0.folder == folder }?.snapshot.pipeline)
            }
        }
        return candidates.compactMap { c in
            guard let cfg = GitSync.settings(root: c.root, pipeline: c.pipeline),
                GitSync(root: c.root, config: cfg).isWorkTree
            else { return nil }
            return (c.root, cfg.interval)
        }
    }
}
