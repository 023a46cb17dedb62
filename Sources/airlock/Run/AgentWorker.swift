// One pipeline an agent looks after: records its history, notifies, records holds and auto-promotes.
import AirlockCore
import AirlockStore
import Foundation

/// The agent's work on one pipeline root (the root itself, or one pipeline of a fleet), one look at a time.
final class AgentWorker {
    /// How long after a failed attempt to record the agent tries again.
    static let retryAfter: TimeInterval = 5
    /// How often the agent looks for heartbeats gone stale (only when a notify entry listens for `stale`).
    static let staleLook: TimeInterval = 5
    /// A refused auto-promotion is tried again once the root changed and this long passed...
    static let refusedAfterChange: TimeInterval = 1
    /// ...or, with nothing changed, after 5 s, 10 s, 20 s... at most this long.
    static let refusedBackoffLimit: TimeInterval = 60

    let root: String
    let store: Store
    let actor: String
    let tally: AgentTally
    let notifier: Notifier
    /// The audit log as the agent reads it: only what was appended since the last look.
    private let cursor: AgentLogCursor
    private let say: (String) -> Void
    private var last: (snap: Snapshot, at: Date)
    private var fresh = true
    private var retryAt: Date?
    private var staleAt: Date?
    /// How many times the pipeline's files changed (a refusal is tried again after one).
    private var generation = 0
    private var refusals: [String: Refusal] = [:]

    /// A refused auto-promotion: when, how many times in a row, and at which generation.
    struct Refusal {
        var at: Date
        var count: Int
        var generation: Int
    }

    /// `prefix` starts every line it logs (`airlock: agent: ` and, on a fleet, the pipeline's name).
    init(
        root: String, store: Store, actor: String, lock: AgentLock?, parent: AgentTally, baseline: Snapshot,
        prefix: String
    ) {
        self.root = root
        self.store = store
        self.actor = actor
        cursor = AgentLogCursor(root: root, agent: actor)
        let tally = AgentTally(file: lock, parent: parent)
        self.tally = tally
        let say: @Sendable (String) -> Void = { printErr(prefix + $0) }
        self.say = say
        notifier = Notifier(root: root) { line in
            say(line)
            tally.publish()
        }
        tally.attach(notifier)
        last = (baseline, Date())
    }

    /// When the worker wants to look again with nothing changed (a retry, a stale look, a refused promotion).
    var wake: Date? {
        let refusal = refusals.values.map { r in
            generation > r.generation
                ? r.at.addingTimeInterval(Self.refusedAfterChange)
                : r.at.addingTimeInterval(
                    Self.backoff(r.count))
        }
        return ([retryAt, staleAt] + refusal).compactMap { $0 }.min()
    }

    static func backoff(_ count: Int) -> TimeInterval {
        min(refusedBackoffLimit, 5 * pow(2, Double(max(0, min(count, 8) - 1))))
    }

    /// Looks at `snap`: records what the audit log lacks, notifies (its own rules and `shared`'s), records holds
    /// and promotes. Nothing is done when nothing changed and nothing is due.
    func step(_ snap: Snapshot, shared: [(Notifier, [NotifyRule])], stop: @escaping @Sendable () -> Bool) {
        let now = Date()
        let changed = snap != last.snap
        guard fresh || changed || (wake.map { now >= $0 } ?? false) else { return }
        fresh = false
        if changed { generation += 1 }
        if retryAt.map({ now >= $0 }) ?? true, store.agentHasMissing(snap, cursor: cursor) {
            retryAt = nil
            do {
                let lines = try store.recordObserved(cursor: cursor)
                for e in lines { say("recorded " + AgentHistory.describe(e)) }
                tally.add(recorded: lines.count)
            } catch {
                say("cannot record (\(error.message)); trying again in \(Int(Self.retryAfter)) s")
                retryAt = now.addingTimeInterval(Self.retryAfter)
            }
        }
        let events = AgentEvents.between(last.snap, snap, then: last.at, now: now)
        notifier.send(events, rules: snap.pipeline?.notify ?? [])
        for (n, rules) in shared { n.send(events, rules: rules) }
        last = (snap, now)
        let rules = (snap.pipeline?.notify ?? []) + shared.flatMap(\.1)
        staleAt = rules.contains { $0.on.contains(.stale) } ? now.addingTimeInterval(Self.staleLook) : nil
        recordHolds(snap)
        autoPromote(snap, stop: stop)
    }

    /// Appends the hold and resume lines people's rollbacks and promotions call for.
    private func recordHolds(_ snap: Snapshot) {
        guard store.agentHasHoldLines(snap, cursor: cursor) else { return }
        do {
            let lines = try store.recordHolds(cursor: cursor)
            for e in lines { say("recorded " + AgentHistory.describe(e)) }
            tally.add(recorded: lines.count)
        } catch {
            say("cannot record a hold (\(error.message))")
        }
    }

    /// Promotes each ready candidate into an `auto_promote` environment that is not held. A refusal (the rules
    /// under the lock, a busy lock, a hook that cannot start) is tried again once the files change again (after
    /// 1 s) or after a backoff (5 s, doubling to 60 s); a promotion made is seen in the next reading.
    private func autoPromote(_ snap: Snapshot, stop: @escaping @Sendable () -> Bool) {
        let held = Set(snap.holds.keys)
        let now = Date()
        let due = AutoPromotion.due(snap, held: held, now: now)
        let keys = Set(due.map { "\($0.to)@\($0.version)" })
        refusals = refusals.filter { keys.contains($0.key) }
        for p in due {
            let key = "\(p.to)@\(p.version)"
            if let r = refusals[key] {
                let after = generation > r.generation ? Self.refusedAfterChange : Self.backoff(r.count)
                if now < r.at.addingTimeInterval(after) { continue }
            }
            let (line, recorded) = AutoPromotion.promote(p, store: store, actor: actor, stop: stop)
            if recorded {
                refusals[key] = nil
                say(line)
                tally.add(promoted: 1)
            } else {
                let count = (refusals[key]?.count ?? 0) + 1
                refusals[key] = Refusal(at: Date(), count: count, generation: generation)
                say(line + "; trying again when the files change or in \(Int(Self.backoff(count))) s")
                tally.add(refused: 1)
            }
        }
    }
}
