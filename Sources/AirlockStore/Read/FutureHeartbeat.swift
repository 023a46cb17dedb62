// A heartbeat (`updated_at`) from the future would keep an environment fresh forever: it is a problem of its file.
import AirlockCore
import Foundation

enum FutureHeartbeat {
    /// The problem with an environment file whose `updated_at` is more than `Rules.clockSkewAllowance` ahead of `now`.
    static func problem(_ status: EnvironmentStatus, bytes: [UInt8], path: String, now: Date) -> Problem? {
        guard let updated = status.updatedAt, updated.timeIntervalSince(now) > Rules.clockSkewAllowance else {
            return nil
        }
        let ahead = TimeFormat.formatAge(updated.timeIntervalSince(now))
        return Problem(
            path: path, line: keyLine("updated_at", in: bytes),
            message: "updated_at is \(ahead) in the future (more than \(Int(Rules.clockSkewAllowance / 60))m "
                + "ahead of this machine's clock); the environment counts as stale")
    }

    /// The line of a top-level key (`key:` at the start of a line), for the problem's line number.
    static func keyLine(_ key: String, in bytes: [UInt8]) -> Int? {
        let prefix = Array((key + ":").utf8)
        var line = 1
        var start = 0
        for i in 0...bytes.count {
            guard i == bytes.count || bytes[i] == 0x0A else { continue }
            if i - start >= prefix.count, Array(bytes[start..<(start + prefix.count)]) == prefix { return line }
            line += 1
            start = i + 1
        }
        return nil
    }
}
