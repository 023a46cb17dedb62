// How the dashboard learns of file changes: inotify events, or looking at file times every interval.

import Foundation

public enum WatchMode: Equatable, Sendable, CustomStringConvertible {
    case inotify
    case polling(interval: TimeInterval)
    /// inotify, but the kernel refused some watches (its limit reached): those folders are polled.
    case partial(unwatched: Int, interval: TimeInterval)

    /// As the title bar shows it: "inotify", "polling 2s".
    public var description: String {
        switch self {
        case .inotify: return "inotify"
        case .polling(let interval): return "polling \(Self.seconds(interval))"
        case .partial(let n, let interval):
            return "inotify limit: \(n) folder\(n == 1 ? "" : "s") polled \(Self.seconds(interval))"
        }
    }

    private static func seconds(_ interval: TimeInterval) -> String {
        interval == interval.rounded() ? "\(Int(interval))s" : String(format: "%.1fs", interval)
    }
}
