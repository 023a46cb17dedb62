// `airlock status --watch`: the snapshot at once and again after every change, coalesced to at most 10 a second,
// until a signal or the reader going away ends it (exit 0).
import AirlockCore
import AirlockStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Prints the root's status as it changes: a table after a `--- TIME ---` line, or one compact JSON object a line.
struct StatusStream {
    let json: Bool
    let root: String
    let fleet: Bool
    /// At most one snapshot per this many seconds; changes in between are shown together in the next one.
    static let minimumGap: TimeInterval = 0.1

    func run() throws(CommandFailure) -> Never {
        let following = Following(root: root, fleet: fleet)
        let follower = following.follower
        following.startSync { error in
            printErr("airlock: " + (error.map { "sync: \($0)" } ?? "sync: synced again"))
        }
        // A pipe's reader closing is seen at once, even while nothing changes.
        var info = stat()
        let piped = fstat(1, &info) == 0 && ((info.st_mode & S_IFMT) == S_IFIFO || (info.st_mode & S_IFMT) == S_IFSOCK)
        var shown: String?
        var lastShown = Date.distantPast
        var due = true
        while true {
            let now = Date()
            if due && now.timeIntervalSince(lastShown) >= Self.minimumGap {
                due = false
                let text = render(follower.reading, now: now)
                if text != shown {
                    if json {
                        Console.data(text)
                    } else {
                        if shown != nil { Console.out("--- \(TimeFormat.formatTimestamp(now)) ---") }
                        Console.out(text)
                    }
                    Console.flush()
                    shown = text
                    lastShown = now
                }
                if Console.hasFailed { end(following) }
            }
            let deadline =
                due ? lastShown.addingTimeInterval(Self.minimumGap) : Self.nextStaleness(follower.reading, now)
            switch follower.next(until: deadline, ends: piped ? [1] : []) {
            case .changed, .deadline, .synced: due = true
            case .ended: end(following)
            case .interrupted: if following.signalCaught != 0 { end(following) }
            }
        }
    }

    /// Ends the stream: exit 0 on a signal or when the reader went away; 1 when output failed otherwise.
    private func end(_ following: Following) -> Never {
        following.stop()
        if Console.readerWentAway || !Console.hasFailed {
            // Nothing more can be written; exit without the flush turning a closed pipe into a failure.
            Glibc.exit(0)
        }
        Console.exit(CommandFailure.failed)
    }

    private func render(_ reading: RootFollower.Reading, now: Date) -> String {
        switch reading {
        case .pipeline(let snap):
            return json
                ? Report.status(snap, root: root, now: now).serialized()
                : StatusTable.render(snap, now: now) + Status.agentLine(root)
        case .fleet(let fleet):
            return json
                ? Report.fleetStatus(fleet, root: root, now: now).serialized()
                : FleetTable.render(fleet, now: now) + Status.agentLine(root)
        }
    }

    /// When an environment turns stale (or fresh) by time alone: the next snapshot then.
    static func nextStaleness(_ reading: RootFollower.Reading, _ now: Date) -> Date? {
        let snaps: [Snapshot]
        switch reading {
        case .pipeline(let snap): snaps = [snap]
        case .fleet(let fleet): snaps = fleet.members.map(\.snapshot)
        }
        var next: Date?
        for snap in snaps {
            for env in snap.pipeline?.environments ?? [] {
                guard let at = WaitObservation(environment: env.name, in: snap)?.stalenessChanges(after: now) else {
                    continue
                }
                next = next.map { min($0, at) } ?? at
            }
        }
        return next
    }
}
