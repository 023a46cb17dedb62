// Messages from background work (actions, signals, sync, the demo) to the loop, which owns curses.

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Messages from background work to the loop; posting wakes the loop's `poll` through a pipe.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Msg] = []
    private var quitRequested: QuitSignal?
    let readFD: Int32
    let writeFD: Int32

    init() {
        var fds: [Int32] = [0, 0]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        } else {
            fds = [-1, -1]
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    func post(_ m: Msg) {
        lock.lock()
        items.append(m)
        lock.unlock()
        wake()
    }

    /// How a signal asks the dashboard to end.
    enum QuitSignal {
        /// Ctrl-C or Ctrl-\: as q (with a hook running, ask first).
        case ask
        /// SIGTERM or SIGHUP: stop any hook's group and leave.
        case now
    }

    func requestQuit(_ how: QuitSignal) {
        lock.lock()
        if quitRequested != .now { quitRequested = how }
        lock.unlock()
        wake()
    }

    private func wake() {
        var b: UInt8 = 1
        _ = write(writeFD, &b, 1)
    }

    /// What background work posted since the last look, and whether a signal asked to quit.
    struct Delivery {
        var messages: [Msg]
        var quit: QuitSignal?
    }

    func take() -> Delivery {
        var buf = [UInt8](repeating: 0, count: 256)
        while buf.withUnsafeMutableBytes({ read(readFD, $0.baseAddress, $0.count) }) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let out = items
        items = []
        let quit = quitRequested
        quitRequested = nil
        return Delivery(messages: out, quit: quit)
    }
}
