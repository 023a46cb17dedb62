// The thread a demo simulator runs its steps on, and the flag that stops it: one lifecycle for every simulator.
import Foundation

/// A simulator's thread: `body` runs on it and loops while the `running` it is given says so, until `stop()`.
final class SimulatorThread: @unchecked Sendable {
    private let lock = NSLock()
    private var running = false

    func start(name: String, _ body: @escaping @Sendable (_ running: () -> Bool) -> Void) {
        lock.lock()
        running = true
        lock.unlock()
        let thread = Thread { [self] in body { self.isRunning } }
        thread.name = name
        thread.start()
    }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }
}
