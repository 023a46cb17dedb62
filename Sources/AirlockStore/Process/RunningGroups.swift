// The process groups of the programs this process runs now, so a command that ends can stop them all first.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Every program `Subprocess` started and has not finished with, by process group. A command that ends while a
/// background thread waits on a program (`wait`'s git fetch) calls `stopAll` first: nothing is left running.
public enum RunningGroups {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var groups: Set<pid_t> = []
        var closed = false
    }

    private static let state = State()

    /// Starts a program through `spawn` and records its group, unless `stopAll` was called (then nothing starts:
    /// nil). The lock is held across the start so that `stopAll` never misses a program starting at that moment.
    static func start(_ spawn: () -> Spawner.Result) -> Spawner.Result? {
        state.lock.lock()
        defer { state.lock.unlock() }
        guard !state.closed else { return nil }
        let result = spawn()
        if case .success(let pid) = result { state.groups.insert(pid) }
        return result
    }

    static func finished(_ pgid: pid_t) {
        state.lock.lock()
        state.groups.remove(pgid)
        state.lock.unlock()
    }

    /// Stops every running program's whole group (TERM, then KILL after `grace`) and starts no new one from now
    /// on. Returns once the groups are gone or KILL was sent.
    public static func stopAll(grace: TimeInterval = 1) {
        state.lock.lock()
        state.closed = true
        let groups = state.groups
        state.lock.unlock()
        guard !groups.isEmpty else { return }
        for g in groups { ProcessGroup.signal(g, SIGTERM) }
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            // Our own children end as zombies: reap them (the thread running them then sees them gone).
            for g in groups { ProcessGroup.reap(g) }
            if !groups.contains(where: ProcessGroup.exists) { return }
            usleep(10_000)
        }
        for g in groups { ProcessGroup.signal(g, SIGKILL) }
    }
}
