// `airlock agent`: runs unattended on a pipeline root, recording the history its environment files show.
import AirlockCore
import AirlockStore
import ArgumentParser
import Foundation

struct Agent: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run unattended: record the deploys and health changes environment files show.",
        discussion: """
            Follows the root (inotify, else polling) and appends the deployed/health audit lines airlock report \
            would, for every change of an environment's version or health the audit log does not record yet, by \
            whichever program wrote the file. One agent per root: a second exits 1 naming the running one. One \
            line per action on stderr; SIGTERM or SIGINT finishes what is in flight and exits 0.
            """)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: ArgumentHelp("Who the audit lines name.", valueName: "ID"))
    var actor = "airlock-agent"

    /// How long after a failed attempt to record the agent tries again.
    static let retryAfter: TimeInterval = 5
    /// How often the agent looks for heartbeats gone stale (only when a notify entry listens for `stale`).
    static let staleLook: TimeInterval = 5
    /// How long a stopping agent waits for notify commands under way.
    static let notifyGrace: TimeInterval = 10

    func run() throws {
        let root = try common.resolvePipelineRoot()
        guard !actor.isEmpty, Sanitize.line(actor) == actor, actor.count <= 64 else {
            throw CommandFailure(
                "--actor \"\(Sanitize.value(actor))\": one line of at most 64 characters", code: CommandFailure.badInput
            )
        }
        let lock: AgentLock
        do { lock = try AgentLock(root: root, actor: actor) } catch {
            throw CommandFailure(error.message, code: CommandFailure.failed)
        }
        let following = Following(root: root, fleet: false)
        defer {
            following.stop()
            withExtendedLifetime(lock) {}
        }
        following.startSync { error in
            printErr("airlock: agent: " + (error.map { "sync: \($0)" } ?? "sync: synced again"))
        }
        let store = common.store(root)
        printErr("airlock: agent: following \(root) as \(actor) (pid \(getpid()))")
        var retryAt: Date?
        let notifier = Notifier(root: root) { printErr("airlock: agent: " + $0) }
        // What was true at the start is the baseline: events are what changes after it.
        var last: (snap: Snapshot, at: Date)?
        if case .pipeline(let snap) = following.follower.reading { last = (snap, Date()) }
        var attempted = Set<String>()
        while true {
            if case .pipeline(let snap) = following.follower.reading, retryAt.map({ Date() >= $0 }) ?? true,
                store.agentHasMissing(snap, actor: actor)
            {
                retryAt = nil
                do {
                    for e in try store.recordObserved(actor: actor) {
                        printErr("airlock: agent: recorded " + AgentHistory.describe(e))
                    }
                } catch {
                    printErr("airlock: agent: cannot record (\(error.message)); trying again")
                    retryAt = Date().addingTimeInterval(Self.retryAfter)
                }
            }
            if case .pipeline(let snap) = following.follower.reading {
                let now = Date()
                if let last {
                    notifier.send(
                        AgentEvents.between(last.snap, snap, then: last.at, now: now),
                        rules: snap.pipeline?.notify ?? [])
                }
                last = (snap, now)
                recordHolds(snap, store: store)
                autoPromote(snap, store: store, following: following, attempted: &attempted)
            }
            if following.signalCaught != 0 { break }
            // Heartbeats going stale happen with time: looked at every few seconds when a notify entry wants them.
            let staleLook = last?.snap.pipeline?.notify.contains { $0.on.contains(.stale) } == true
            let wake = [retryAt, staleLook ? Date().addingTimeInterval(Self.staleLook) : nil].compactMap { $0 }.min()
            if case .interrupted = following.follower.next(until: wake), following.signalCaught != 0 { break }
        }
        if !notifier.finish(within: Self.notifyGrace) {
            printErr("airlock: agent: notify commands still running after \(Int(Self.notifyGrace)) s; leaving them")
        }
        printErr("airlock: agent: stopped by \(Following.name(following.signalCaught))")
    }

    /// Appends the hold and resume lines people's rollbacks and promotions call for.
    private func recordHolds(_ snap: Snapshot, store: Store) {
        guard store.agentHasHoldLines(snap, agent: actor) else { return }
        do {
            for e in try store.recordHolds(agent: actor) {
                printErr("airlock: agent: recorded " + AgentHistory.describe(e))
            }
        } catch {
            printErr("airlock: agent: cannot record a hold (\(error.message))")
        }
    }

    /// Promotes each ready candidate into an `auto_promote` environment that is not held. A refusal is not
    /// retried for the same version (the root changing makes a new candidate or another answer); a promotion
    /// made is seen in the next reading (its request in progress).
    private func autoPromote(_ snap: Snapshot, store: Store, following: Following, attempted: inout Set<String>) {
        let held = Set(store.autoPromoteHolds(snap, agent: actor).keys)
        for p in AutoPromotion.due(snap, held: held, now: Date()) where !attempted.contains("\(p.to)@\(p.version)") {
            let (line, recorded) = AutoPromotion.promote(p, store: store, actor: actor) { following.signalCaught != 0 }
            printErr("airlock: agent: " + line)
            if !recorded {
                if attempted.count > 10_000 { attempted = [] }
                attempted.insert("\(p.to)@\(p.version)")
            }
        }
    }
}
