// Waiting for the root's lock: the status line says whom an action waits for, and quitting stops the wait.

import AirlockStore
import Foundation

/// An action of the dashboard waiting for the root's lock: the status line says whom it waits for, and quitting
/// stops the wait (nothing is read or written before the lock is held, so nothing is lost). An action that holds
/// the lock is not stopped by this: it finishes before the process ends.
final class LockWaitCancel: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    /// Every wait for the lock, now and later, ends at its next look.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}

extension DashboardApp {
    /// The store the dashboard's actions go through: the command line's, telling the loop (through the mailbox)
    /// whom an action waits for, and giving up the wait once `cancel` is set.
    static func actionStore(root: String, mailbox: Mailbox, cancel: LockWaitCancel) -> Store {
        var store = Store(root: root)
        store.onLockWait = { mailbox.post(.lockWait(Sanitize.line($0))) }
        store.giveUpWaitingForLock = { cancel.isCancelled }
        return store
    }
}
