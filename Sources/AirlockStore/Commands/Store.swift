// The store: a status root and how changes to it are made (its settings; reads, plans and writes live beside it).
import AirlockCore
import Foundation

/// Every change to a status root: lock, re-read, re-check the rules, write atomically, one audit line.
public struct Store: Sendable {
    public let root: String
    public let clock: @Sendable () -> Date
    /// How long a command waits for another's lock on the root before it gives up.
    public var lockTimeout: TimeInterval = 30
    /// Told once, after a second of waiting, who holds the lock (the command line prints it; the dashboard shows it).
    public var onLockWait: (@Sendable (String) -> Void)?
    /// Asked while waiting for the lock; true stops the wait, before anything is read or written (the dashboard
    /// quitting while an action waits).
    public var giveUpWaitingForLock: (@Sendable () -> Bool)?
    /// How long a file planned from its bytes must stay unchanged before it is replaced (a writer that does not
    /// take the lock may be half way through it).
    public var settleTime: TimeInterval = 0.05
    /// How many times a command plans again when such a file changed under it, before it refuses.
    var replanLimit = 3
    var faults = WriteFaults()

    public init(root: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.root = root
        self.clock = clock
    }

    /// A fresh read of the whole root.
    public func snapshot() -> Snapshot { RootLoader(root: root).load() }
}
