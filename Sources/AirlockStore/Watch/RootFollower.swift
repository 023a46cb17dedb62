// A headless follower of a status root (pipeline or fleet): waits for file changes (inotify, or polling file
// times), a deadline, a wake-up from another thread, or a descriptor's end, and keeps the root read.

import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Follows a root the way the dashboard does, without a screen: `airlock wait` and `airlock status --watch`.
public final class RootFollower {
    /// What the root holds now.
    public enum Reading: Sendable, Equatable {
        case pipeline(Snapshot)
        case fleet(Fleet)
    }

    /// Why `next` returned.
    public enum Wake: Equatable, Sendable {
        /// Something read from the root changed (`reading` holds it).
        case changed
        /// The deadline passed with nothing changed.
        case deadline
        /// `interrupt()` was called (a signal, say).
        case interrupted
        /// One of the descriptors given to `next` reported its end or an error (a pipe's reader went away).
        case ended(Int32)
        /// A git sync attempt finished (`lookAgain()`): the root was read again, changed or not.
        case synced
    }

    public let root: String
    public let watcher: Watcher
    public private(set) var reading: Reading
    private let pipelineLoader: RootLoader?
    private let fleetLoader: FleetLoader?
    private var lastPoll = Date()
    /// Wakes `next` from other threads.
    public let waker = Waker()
    private var wakeFDs: [Int32] { [waker.readFD, waker.writeFD] }

    public init(root: String, fleet: Bool, forcePolling: Bool, pollInterval: TimeInterval) {
        self.root = root
        watcher = Watcher(root: root, forcePolling: forcePolling, pollInterval: pollInterval, fleet: fleet)
        if fleet {
            let loader = FleetLoader(root: root)
            fleetLoader = loader
            pipelineLoader = nil
            reading = .fleet(loader.load())
        } else {
            let loader = RootLoader(root: root)
            pipelineLoader = loader
            fleetLoader = nil
            reading = .pipeline(loader.load())
        }
    }

    /// Wakes `next` from any thread (a signal handler's queue): it returns `.interrupted`.
    public func interrupt() { waker.interrupt() }

    /// Waits until something read from the root changes, `deadline` passes (nil: no deadline), `interrupt()` is
    /// called or one of `ends` (descriptors polled for their end only) reports an error or hang-up.
    public func next(until deadline: Date?, ends: [Int32] = []) -> Wake {
        while true {
            let now = Date()
            if let deadline, now >= deadline { return .deadline }
            var timeout: TimeInterval = deadline.map { $0.timeIntervalSince(now) } ?? -1
            let polling = watcher.fd < 0 || !watcher.unwatched.isEmpty
            let pollDue = max(0, watcher.pollInterval - now.timeIntervalSince(lastPoll))
            // Even with inotify, look for folders created after the start every interval.
            timeout = timeout < 0 ? pollDue : min(timeout, pollDue)
            var fds = [pollfd(fd: wakeFDs[0], events: Int16(POLLIN), revents: 0)]
            fds += ends.map { pollfd(fd: $0, events: 0, revents: 0) }
            if watcher.fd >= 0 { fds.append(pollfd(fd: watcher.fd, events: Int16(POLLIN), revents: 0)) }
            let ms = Int32(min(max(0, timeout * 1000).rounded(.up), 3_600_000))
            let n = poll(&fds, nfds_t(fds.count), ms)
            if n < 0 && errno != EINTR { return .interrupted }
            if n <= 0 {
                if Date().timeIntervalSince(lastPoll) >= watcher.pollInterval, lookAtTimes(polling: polling) {
                    return .changed
                }
                continue
            }
            for (i, fd) in ends.enumerated() where fds[i + 1].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                return .ended(fd)
            }
            if fds[0].revents & Int16(POLLIN) != 0 {
                var bytes = [UInt8](repeating: 0, count: 64)
                let got = read(wakeFDs[0], &bytes, bytes.count)
                if got > 0 && bytes[..<got].contains(UInt8(ascii: "i")) { return .interrupted }
                if got > 0 {
                    let changed = reload(nil)
                    if bytes[..<got].contains(UInt8(ascii: "s")) { return .synced }
                    if changed { return .changed }
                }
            }
            if watcher.fd >= 0, let last = fds.last, last.revents & Int16(POLLIN) != 0 {
                // Coalesce a burst (a CI job writing many files) into one reload of just those files.
                if reload(watcher.drainBurst()) { return .changed }
            }
        }
    }

    /// Every poll interval: folders inotify does not watch (or every file, without inotify). True on a change.
    private func lookAtTimes(polling: Bool) -> Bool {
        lastPoll = Date()
        if watcher.fd < 0 { return reload(nil) }
        // A folder came back (the root re-created, a checkout): look at everything once.
        if watcher.refreshWatches() { return reload(nil) }
        return polling ? reload(watcher.unwatched) : false
    }

    /// Reads again what `changed` names (nil: everything); true when what is read changed.
    private func reload(_ changed: Set<String>?) -> Bool {
        if let loader = pipelineLoader {
            let snap = loader.load(changed: changed)
            guard loader.lastLoadChanged, .pipeline(snap) != reading else { return false }
            reading = .pipeline(snap)
            return true
        }
        guard let loader = fleetLoader else { return false }
        let fleet = loader.load(changed: changed)
        guard .fleet(fleet) != reading else { return false }
        reading = .fleet(fleet)
        return true
    }
}

extension RootFollower {
    /// A pipe other threads write to: `i` interrupts `next`, `s` makes it look at every file (after a git sync).
    public final class Waker: Sendable {
        let readFD: Int32
        let writeFD: Int32

        init() {
            var fds: [Int32] = [-1, -1]
            if pipe(&fds) == 0 {
                for fd in fds {
                    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                }
            }
            readFD = fds[0]
            writeFD = fds[1]
        }

        deinit {
            for fd in [readFD, writeFD] where fd >= 0 { close(fd) }
        }

        /// `next` returns `.interrupted` (a signal, say).
        public func interrupt() { poke(UInt8(ascii: "i")) }

        /// `next` looks at every file and returns `.synced`: a git sync attempt finished (it may have changed the
        /// work tree: inotify reports that too, polling not).
        public func lookAgain() { poke(UInt8(ascii: "s")) }

        private func poke(_ byte: UInt8) {
            var b = byte
            _ = write(writeFD, &b, 1)
        }
    }
}
