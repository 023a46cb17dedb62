// The cross-process lock on the root: waited for within a limit, its holder named.
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The cross-process lock on `ROOT/.airlock.lock`: waited for at most a time limit, and the holder (who, which
/// process, which command, since when) recorded in the file so a waiting command can say who it waits for.
enum RootLock {
    struct Holder {
        var actor: String
        var pid: Int
        var host: String
        var command: String
        var since: Date

        static func current(actor: String, command: String, now: Date) -> Holder {
            Holder(actor: actor, pid: Int(getpid()), host: hostName(), command: command, since: now)
        }

        var line: String {
            JSON.object([
                ("actor", .string(actor)), ("pid", .int(pid)), ("host", .string(host)),
                ("command", .string(command)), ("since", .string(TimeFormat.formatTimestamp(since))),
            ])
            .serialized() + "\n"
        }

        /// Reads what another process recorded; nil when the file holds nothing readable.
        static func parse(_ bytes: [UInt8]) -> Holder? {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
            func text(_ key: String) -> String { cut(Sanitize.line(obj[key] as? String ?? "?")) }
            let since = (obj["since"] as? String).flatMap { TimeFormat.parseTimestamp($0) }
            return Holder(
                actor: text("actor"), pid: obj["pid"] as? Int ?? 0, host: text("host"),
                command: text("command"), since: since ?? Date(timeIntervalSince1970: 0))
        }

        /// `alice (pid 123, promote, since 12:01:02)`, with the host when it is another machine.
        var description: String {
            let process = host == Holder.hostName() ? "pid \(pid)" : "pid \(pid) on \(host)"
            return "\(actor) (\(process), \(command), since \(RootLock.clockTime(since)))"
        }

        static func cut(_ s: String) -> String { s.count > 64 ? String(s.prefix(63)) + "…" : s }

        static func hostName() -> String {
            var buffer = [CChar](repeating: 0, count: 256)
            guard gethostname(&buffer, buffer.count - 1) == 0 else { return "?" }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// Local wall-clock time of day, as people read it on the machine.
    static func clockTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    /// What the lock file says about its holder, as one phrase.
    static func holderText(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0, let holder = Holder.parse(Array(buffer[0..<n])) else { return "another process" }
        return holder.description
    }

    /// Runs `body` holding the lock. Waits at most `timeout` seconds; after a second of waiting calls `onWait`
    /// once with a sentence naming the holder. While waiting, `giveUp` returning true ends the wait with an error
    /// (nothing was read or written yet, so the caller loses nothing).
    static func withLock<T>(
        root: String, holder: Holder, timeout: TimeInterval, onWait: ((String) -> Void)?,
        giveUp: (() -> Bool)? = nil, _ body: () throws -> T
    ) throws -> T {
        let (folder, _) = try SafeOpen.root(root)
        let fd = try SafeOpen.open(".airlock.lock", in: folder, flags: O_RDWR | O_CREAT, verb: "open the lock")
        defer { close(fd) }
        let start = Date()
        var announced = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK else {
                throw StoreIOError(".airlock.lock: cannot lock: \(SafeOpen.errorText(code))")
            }
            if giveUp?() == true {
                throw StoreIOError(
                    "stopped waiting for the lock on \(root) held by \(holderText(fd)); "
                        + "nothing was changed")
            }
            let waited = Date().timeIntervalSince(start)
            if waited >= timeout {
                throw StoreIOError(
                    "\(root) is locked by \(holderText(fd)); gave up after \(seconds(timeout)) "
                        + "(--lock-timeout SECONDS waits longer)")
            }
            if !announced && waited >= 1 {
                announced = true
                onWait?("waiting for the lock on \(root) held by \(holderText(fd))")
            }
            // Short, slightly uneven steps: waiters take turns instead of one always winning.
            usleep(useconds_t(min(max(0, timeout - waited), 0.01) * 1_000_000) + UInt32.random(in: 0...2000))
        }
        defer {
            _ = ftruncate(fd, 0)
            flock(fd, LOCK_UN)
        }
        _ = ftruncate(fd, 0)
        let record = Array(holder.line.utf8)
        _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return try body()
    }

    static func seconds(_ t: TimeInterval) -> String {
        t == t.rounded() ? "\(Int(t)) s" : String(format: "%.1f s", t)
    }
}
