// How the dashboard learns of file changes: inotify events, or looking at file times every interval.

import Foundation

public enum WatchMode: Equatable, Sendable, CustomStringConvertible {
    case inotify
    case polling(interval: TimeInterval)

    /// As the title bar shows it: "inotify", "polling 2s".
    public var description: String {
        switch self {
        case .inotify: return "inotify"
        case .polling(let interval):
            let seconds =
                interval == interval.rounded() ? "\(Int(interval))s" : String(format: "%.1fs", interval)
            return "polling \(seconds)"
        }
    }
}
