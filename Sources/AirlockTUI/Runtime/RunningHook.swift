// The hook the dashboard runs after an action: which one, since when, and how to stop its process group.

import AirlockStore
import Foundation

/// The hook the dashboard is running now, if any: what it is, since when, and the handle that stops its group.
final class RunningHook: @unchecked Sendable {
    struct Info {
        var program: String
        var since: Date
        var control: ProcessControl
    }

    private let lock = NSLock()
    private var info: Info?
    /// Set when the dashboard is ending: a hook that would start now is stopped at once.
    private var closed = false

    var current: Info? {
        lock.lock()
        defer { lock.unlock() }
        return info
    }

    /// Runs `body` with a fresh control registered as the running hook's.
    func run<T>(_ program: String, _ body: (ProcessControl) -> T) -> T {
        let control = ProcessControl()
        lock.lock()
        info = Info(program: program, since: Date(), control: control)
        if closed { control.stop() }
        lock.unlock()
        defer {
            lock.lock()
            info = nil
            lock.unlock()
        }
        return body(control)
    }

    /// Stops the running hook's process group (TERM, KILL after the grace time); nothing when none runs.
    func stop() {
        current?.control.stop()
    }

    /// Stops the running hook and any that would start later (the dashboard is ending).
    func close() {
        lock.lock()
        closed = true
        lock.unlock()
        stop()
    }
}
