import Foundation
import AirlockCore
#if canImport(Glibc)
import Glibc
#endif

/// Follows the status root's folders with inotify; where inotify is unavailable, the dashboard polls instead.
final class Watcher {
    static let folders = ["", "environments", "releases", "promotions"]
    let root: String
    /// The inotify descriptor to poll, or -1 when polling file times instead.
    private(set) var fd: Int32 = -1
    private var watched: [Int32: String] = [:]
    let pollInterval: TimeInterval

    var mode: String { fd >= 0 ? "inotify" : "polling \(TimeFormat.formatDurationShort(pollInterval))" }

    init(root: String, forcePolling: Bool, pollInterval: TimeInterval) {
        self.root = root
        self.pollInterval = pollInterval
        guard !forcePolling else { return }
        let f = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard f >= 0 else { return }
        fd = f
        addWatches()
        if watched.isEmpty {
            close(fd)
            fd = -1
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    private func addWatches() {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_ATTRIB | IN_MODIFY
                          | IN_DELETE_SELF | IN_MOVE_SELF)
        for folder in Self.folders where !watched.values.contains(folder) {
            let path = folder.isEmpty ? root : root + "/" + folder
            let wd = inotify_add_watch(fd, path, mask)
            if wd >= 0 { watched[wd] = folder }
        }
    }

    /// Reads every pending event. Returns true when something in the root may have changed.
    func drain() -> Bool {
        guard fd >= 0 else { return false }
        var changed = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            changed = true
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= n {
                let (wd, mask, len) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let e = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (e.wd, e.mask, Int(e.len))
                }
                if mask & UInt32(IN_IGNORED) != 0 { watched[wd] = nil }
                offset += MemoryLayout<inotify_event>.size + len
            }
        }
        // A folder created (or re-created) after the start is watched from now on.
        if watched.count < Self.folders.count { addWatches() }
        return changed
    }
}

extension TimeFormat {
    static func formatDurationShort(_ t: TimeInterval) -> String {
        t == t.rounded() ? "\(Int(t))s" : String(format: "%.1fs", t)
    }
}
