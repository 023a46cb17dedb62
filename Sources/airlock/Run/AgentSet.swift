// The pipelines one agent looks after: the root itself, or every pipeline of a fleet (each under its own lock).
import AirlockCore
import AirlockStore
import Foundation

/// An agent's workers: one for a pipeline root; on a fleet root one per pipeline, each holding that pipeline's
/// agent lock too (an agent started on one of them exits 1 naming the fleet's), plus fleet.yaml's notify commands.
struct AgentSet {
    let root: String
    let actor: String
    let common: CommonOptions
    let fleet: Bool
    let tally: AgentTally
    /// fleet.yaml's notify commands (run in the fleet root), shared by every pipeline.
    let shared: Notifier
    private var workers: [String: AgentWorker] = [:]
    /// Pipelines another agent holds, with what was said about them (said again only when it changes).
    private var skipped: [String: String] = [:]
    private var lastLockTry: [String: Date] = [:]
    /// How often a pipeline another agent holds is tried again.
    static let lockRetry: TimeInterval = 30

    init(root: String, actor: String, common: CommonOptions, lock: AgentLock, fleet: Bool) {
        self.root = root
        self.actor = actor
        self.common = common
        self.fleet = fleet
        let tally = AgentTally(file: lock)
        self.tally = tally
        shared = Notifier(root: root) { line in
            printErr("airlock: agent: fleet: " + line)
            tally.publish()
        }
        tally.attach(shared)
    }

    /// Every notifier (to wait for at the end).
    var notifiers: [Notifier] { [shared] + workers.values.map(\.notifier) }

    /// The earliest time a worker wants to look again (a pipeline another agent holds: tried every 30 s).
    var wake: Date? {
        let retries = skipped.keys.compactMap { lastLockTry[$0]?.addingTimeInterval(Self.lockRetry) }
        return (workers.values.compactMap(\.wake) + retries).min()
    }

    mutating func step(_ reading: RootFollower.Reading, stop: @escaping @Sendable () -> Bool) {
        switch reading {
        case .pipeline(let snap):
            worker(root, label: nil, snap)?.step(snap, shared: [], stop: stop)
        case .fleet(let f):
            var seen = Set<String>()
            for m in f.members {
                seen.insert(m.folder)
                worker(m.folder, label: m.name, m.snapshot)?.step(
                    m.snapshot, shared: [(shared, f.config.notify)], stop: stop)
            }
            for gone in workers.keys where !seen.contains(gone) {
                workers[gone]?.tally.detach()
                workers[gone] = nil
                printErr("airlock: agent: \(Sanitize.value(gone)): gone from the fleet; no longer followed")
            }
            skipped = skipped.filter { seen.contains($0.key) }
        }
    }

    /// The worker of `key` (the root, or a fleet pipeline's folder), made on first sight; nil while another agent
    /// holds that pipeline.
    private mutating func worker(_ key: String, label: String?, _ snap: Snapshot) -> AgentWorker? {
        if let w = workers[key] { return w }
        let now = Date()
        if skipped[key] != nil, let t = lastLockTry[key], now < t.addingTimeInterval(Self.lockRetry) { return nil }
        let path = fleet ? root + "/" + key : root
        let prefix = "airlock: agent: " + (label.map { Sanitize.value($0) + ": " } ?? "")
        var lock: AgentLock?
        if fleet {
            lastLockTry[key] = now
            do { lock = try AgentLock(root: path, actor: actor, command: AgentLock.fleetCommand) } catch {
                let said = "not followed: \(error.message)"
                if skipped[key] != said { printErr(prefix + said + " (tried again every 30 s)") }
                skipped[key] = said
                return nil
            }
            skipped[key] = nil
        }
        let w = AgentWorker(
            root: path, store: common.store(path), actor: actor, lock: lock, parent: tally,
            baseline: snap, prefix: prefix)
        workers[key] = w
        return w
    }
}
