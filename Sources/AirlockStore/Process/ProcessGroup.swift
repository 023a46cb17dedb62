// Stopping a running program and its whole process group, from another thread or at a limit.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Lets another thread stop a running program (its whole process group) and see whether one runs.
public final class ProcessControl: @unchecked Sendable {
    private let lock = NSLock()
    private var stopRequested = false
    private var group: pid_t?
    private let externalStop: @Sendable () -> Bool

    /// `stopWhen` is asked while the program runs (for example: whether the caller caught a signal).
    public init(stopWhen: @escaping @Sendable () -> Bool = { false }) {
        externalStop = stopWhen
    }

    /// Asks for the program to be stopped: TERM to its group, KILL after the grace time.
    public func stop() {
        lock.lock()
        stopRequested = true
        lock.unlock()
    }

    var shouldStop: Bool {
        lock.lock()
        let asked = stopRequested
        lock.unlock()
        return asked || externalStop()
    }

    /// The process group of the program while it runs (its leader's pid).
    public var runningGroup: pid_t? {
        lock.lock()
        defer { lock.unlock() }
        return group
    }

    func started(group g: pid_t) {
        lock.lock()
        group = g
        lock.unlock()
    }

    func finished() {
        lock.lock()
        group = nil
        lock.unlock()
    }
}

/// Signals and reaping for a whole process group.
public enum ProcessGroup {
    public static func signal(_ pgid: pid_t, _ sig: Int32) {
        guard pgid > 1 else { return }
        _ = kill(-pgid, sig)
        if sig == SIGTERM { _ = kill(-pgid, SIGCONT) }  // a stopped process must run to see TERM
    }

    /// Whether any process (a zombie included) is still in the group.
    public static func exists(_ pgid: pid_t) -> Bool {
        guard pgid > 1 else { return false }
        return kill(-pgid, 0) == 0 || errno == EPERM
    }

    /// Reaps members of the group that are our children: the program's leftovers come to us as the subreaper.
    static func reap(_ pgid: pid_t) {
        var st: Int32 = 0
        while waitpid(-pgid, &st, WNOHANG) > 0 {}
    }
}
