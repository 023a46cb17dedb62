// With sync.git: `airlock sync` on its own thread every interval (the store's PeriodicSync), its results posted to
// the loop.

import AirlockStore
import Foundation

/// Runs `airlock sync` every interval on its own thread; after a failure waits twice as long each time (up to 5
/// minutes). Each result becomes a message to the loop.
final class BackgroundSync: @unchecked Sendable {
    let store: Store
    let mailbox: Mailbox
    private var periodic: PeriodicSync?

    init(store: Store, mailbox: Mailbox) {
        self.store = store
        self.mailbox = mailbox
    }

    func start(interval: TimeInterval) {
        let mailbox = mailbox
        let sync = PeriodicSync(store: store, interval: interval) { at, error in
            mailbox.post(.synced(at: at, error: error))
        }
        periodic = sync
        sync.start()
    }

    var isRunning: Bool { periodic?.isRunning ?? false }

    func stop() { periodic?.stop() }

    /// Waits up to `timeout` for the stopped sync's thread to end.
    func join(timeout: TimeInterval) { periodic?.join(timeout: timeout) }
}
