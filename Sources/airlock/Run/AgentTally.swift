// What an agent counts for one lock file (a pipeline's, or a fleet's: the sum of its pipelines), published there.
import AirlockStore
import Foundation

/// Records, promotions and notify deliveries counted for one lock file, safe from any thread (notify commands
/// finish on their own queues). A fleet's tally adds up its pipelines' and its own notify commands'.
final class AgentTally: @unchecked Sendable {
    private let lock = NSLock()
    /// The lock file the counts go to (none: a pipeline root's worker, counted in its parent's).
    private let file: AgentLock?
    private weak var parent: AgentTally?
    private var recorded = 0
    private var promoted = 0
    private var refused = 0
    private var notifiers: [Notifier] = []
    private var parts: [ObjectIdentifier: AgentTally] = [:]

    init(file: AgentLock?, parent: AgentTally? = nil) {
        self.file = file
        self.parent = parent
        parent?.attach(self)
    }

    func attach(_ notifier: Notifier) {
        lock.lock()
        notifiers.append(notifier)
        lock.unlock()
    }

    private func attach(_ part: AgentTally) {
        lock.lock()
        parts[ObjectIdentifier(part)] = part
        lock.unlock()
    }

    /// Leaves the parent's sum (a pipeline gone from the fleet).
    func detach() {
        guard let parent else { return }
        parent.lock.lock()
        parent.parts[ObjectIdentifier(self)] = nil
        parent.lock.unlock()
        parent.publish()
    }

    func add(recorded r: Int = 0, promoted p: Int = 0, refused f: Int = 0) {
        lock.lock()
        recorded += r
        promoted += p
        refused += f
        lock.unlock()
        if r + p + f > 0 { publish() }
    }

    /// This tally's counts and its parts', summed.
    var status: (recorded: Int, promoted: Int, refused: Int, delivered: Int, failed: Int) {
        lock.lock()
        var out = (recorded, promoted, refused, 0, 0)
        let ns = notifiers
        let ps = Array(parts.values)
        lock.unlock()
        for n in ns {
            let c = n.counts
            out.3 += c.delivered
            out.4 += c.failed
        }
        for p in ps {
            let s = p.status
            out = (out.0 + s.0, out.1 + s.1, out.2 + s.2, out.3 + s.3, out.4 + s.4)
        }
        return out
    }

    /// Lets go of its notifiers and parts, whose closures hold it in turn: called once the agent has stopped, so
    /// nothing outlives the command in a cycle.
    func close() {
        lock.lock()
        let ps = Array(parts.values)
        notifiers = []
        parts = [:]
        lock.unlock()
        for p in ps { p.close() }
    }

    /// Rewrites the lock file (and the parent's) with the counts now.
    func publish() {
        let s = status
        file?.publish([
            ("recorded", .int(s.recorded)), ("promoted", .int(s.promoted)), ("refused", .int(s.refused)),
            ("notify_delivered", .int(s.delivered)), ("notify_failures", .int(s.failed)),
        ])
        parent?.publish()
    }
}
