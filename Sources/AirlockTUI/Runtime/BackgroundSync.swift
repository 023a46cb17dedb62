// With sync.git: `airlock sync` on its own thread every interval, its results posted to the loop.

import AirlockStore
import Foundation

/// Runs `airlock sync` every interval on its own thread; after a failure waits twice as long each time (up to 5
/// minutes).
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
