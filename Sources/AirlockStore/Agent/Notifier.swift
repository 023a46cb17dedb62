// Runs the `notify:` commands for the agent's events: argv (never a shell), a time limit, retries with backoff.
import AirlockCore
import Foundation

/// Delivers events to notify commands. Each `notify:` entry has its own serial queue, so a slow or hanging
/// command delays only its own later events; a failure (exit status, signal, time limit: its process group is
/// stopped) is logged and retried after 1 s then 2 s, then given up and counted.
public final class Notifier: @unchecked Sendable {
    public static let attempts = 3
    private let root: String
    private let log: @Sendable (String) -> Void
    private let lock = NSLock()
    private var queues: [Int: DispatchQueue] = [:]
    private let group = DispatchGroup()
    private var failed = 0
    private var delivered = 0
    private var stopping = false
    /// Seconds before the n-th retry (tests shorten it).
    let backoff: @Sendable (Int) -> TimeInterval

    public init(
        root: String, backoff: @escaping @Sendable (Int) -> TimeInterval = { TimeInterval(1 << ($0 - 1)) },
        log: @escaping @Sendable (String) -> Void
    ) {
        self.root = root
        self.backoff = backoff
        self.log = log
    }

    /// Deliveries given up, and deliveries made, so far.
    public var counts: (failed: Int, delivered: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (failed, delivered)
    }

    /// Queues each event for every entry that names it.
    public func send(_ events: [AgentEvent], rules: [NotifyRule]) {
        for (i, rule) in rules.enumerated() {
            for e in events where rule.on.contains(e.kind) {
                let argv = e.fill(rule.run)
                group.enter()
                queue(i).async { [self] in
                    deliver(argv, timeout: rule.timeout, event: e)
                    group.leave()
                }
            }
        }
    }

    /// Waits (at most `seconds`) for the deliveries under way, retrying none from now on; true when none is left.
    public func finish(within seconds: TimeInterval) -> Bool {
        lock.lock()
        stopping = true
        lock.unlock()
        return group.wait(timeout: .now() + seconds) == .success
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func queue(_ i: Int) -> DispatchQueue {
        lock.lock()
        defer { lock.unlock() }
        if let q = queues[i] { return q }
        let q = DispatchQueue(label: "airlock.notify.\(i)")
        queues[i] = q
        return q
    }

    private func deliver(_ argv: [String], timeout: TimeInterval, event e: AgentEvent) {
        let what = "notify \(Sanitize.value(argv.first ?? "?")) (\(e.kind.rawValue) \(Sanitize.value(e.environment)))"
        for attempt in 1...Self.attempts {
            let out = Subprocess.run(argv, in: root, output: .discard, timeout: timeout, killAfter: 1)
            if out.ok {
                lock.lock()
                delivered += 1
                lock.unlock()
                log("\(what): done")
                return
            }
            let why: String
            if let s = out.startError {
                why = "could not start: \(Sanitize.line(s))"
            } else if out.timedOut {
                why = "did not finish within \(TimeFormat.formatAge(timeout)); its process group was stopped"
            } else if out.signaled {
                why = "ended by signal \(out.status)"
            } else {
                why = "exited \(out.status)"
            }
            if attempt == Self.attempts || isStopping {
                lock.lock()
                failed += 1
                let n = failed
                lock.unlock()
                let after = attempt == 1 ? "1 attempt" : "\(attempt) attempts"
                let end = attempt == Self.attempts ? "gave up" : "not retried (the agent is stopping)"
                log("\(what): \(why); \(end) after \(after) (\(n) failed so far)")
                return
            }
            let wait = backoff(attempt)
            log("\(what): \(why); retrying in \(TimeFormat.formatAge(wait))")
            // Waited in short steps: an agent told to stop retries nothing more.
            let until = Date().addingTimeInterval(wait)
            while Date() < until, !isStopping { Thread.sleep(forTimeInterval: min(0.05, until.timeIntervalSinceNow)) }
            if isStopping {
                lock.lock()
                failed += 1
                let n = failed
                lock.unlock()
                log("\(what): not retried (the agent is stopping; \(n) failed so far)")
                return
            }
        }
    }
}
