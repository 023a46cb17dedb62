// Following the status root's folders with inotify (a fleet root's own folder and every pipeline folder's, as
// pipelines come and go), so a reader learns which files changed.

import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Follows the status root's folders with inotify; where inotify is unavailable, the dashboard polls instead.
public final class Watcher {
    public static let folders = ["", "environments", "releases", "promotions"]
    public let root: String
    /// The inotify descriptor to poll, or -1 when polling file times instead.
    public private(set) var fd: Int32 = -1
    private var watched: [Int32: String] = [:]
    public let pollInterval: TimeInterval
    /// A fleet root: its own folder and, for each direct non-hidden subfolder, the folders a pipeline root has;
    /// reported paths are relative to the fleet root (`checkout/environments/qa.yaml`).
    public let fleet: Bool
    /// Calls of refreshWatches on a fleet (only every eighth looks).
    private var refreshCalls = 0

    /// Folders that exist but the kernel refused to watch (its inotify limit reached): the reader looks at these
    /// every poll interval instead, and keeps what it already watches.
    public private(set) var unwatched: Set<String> = []
    /// Refuse watches past this many, as the kernel does at its limit (tests).
    let watchLimit: Int?

    public var mode: WatchMode {
        if fd < 0 { return .polling(interval: pollInterval) }
        return unwatched.isEmpty ? .inotify : .partial(unwatched: unwatched.count, interval: pollInterval)
    }

    public convenience init(root: String, forcePolling: Bool, pollInterval: TimeInterval, fleet: Bool = false) {
        self.init(root: root, forcePolling: forcePolling, pollInterval: pollInterval, fleet: fleet, watchLimit: nil)
    }

    init(root: String, forcePolling: Bool, pollInterval: TimeInterval, fleet: Bool, watchLimit: Int?) {
        self.root = root
        self.pollInterval = pollInterval
        self.fleet = fleet
        self.watchLimit = watchLimit
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

    /// Watches folders that exist now but are not watched (created after the start, or re-created after a
    /// delete). Returns true when one was added: the caller should then look at every file. On a fleet this lists
    /// the whole root, so only every eighth call does (16 s at the 2 s interval): inotify reports new pipeline
    /// folders itself, and this only catches a folder created in the instant before its parent was watched.
    @discardableResult
    public func refreshWatches() -> Bool {
        guard fd >= 0 else { return false }
        if !fleet && watched.count >= Self.folders.count { return false }
        if fleet {
            refreshCalls += 1
            guard refreshCalls % 8 == 1 else { return false }
        }
        let before = watched.count
        addWatches()
        return watched.count > before
    }

    /// The folders to follow, relative to the root ("" is the root itself).
    private var wanted: [String] {
        guard fleet else { return Self.folders }
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: root)) ?? []
        var out = [""]
        for name in names.sorted() where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            out += Self.folders.map { $0.isEmpty ? name : name + "/" + $0 }
        }
        return out
    }

    /// Watches what is wanted and not yet watched; returns the folders newly watched.
    @discardableResult
    private func addWatches() -> [String] {
        let mask = UInt32(
            IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_ATTRIB | IN_MODIFY
                | IN_DELETE_SELF | IN_MOVE_SELF)
        let have = Set(watched.values)
        let want = wanted
        var added: [String] = []
        unwatched.formIntersection(want)
        for folder in want where !have.contains(folder) {
            let path = folder.isEmpty ? root : root + "/" + folder
            let full = watchLimit.map { watched.count >= $0 } ?? false
            let wd = full ? -1 : inotify_add_watch(fd, path, mask)
            if wd >= 0 {
                watched[wd] = folder
                added.append(folder)
                unwatched.remove(folder)
            } else if full ? FileManager.default.fileExists(atPath: path) : (errno == ENOSPC || errno == ENOMEM) {
                // The kernel's limit (max_user_watches): poll this folder instead.
                unwatched.insert(folder)
            }
        }
        return added
    }

    /// The files a burst of events names (a CI job writing many files): everything pending, then whatever arrives
    /// while events keep coming at most 2 ms apart, for up to 20 ms. Nil after an overflow: look at everything.
    public func drainBurst() -> Set<String>? {
        var changed: Set<String>? = []
        drain(into: &changed)
        var quiet = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        var waited = 0
        while waited < 20, poll(&quiet, 1, 2) > 0 {
            drain(into: &changed)
            waited += 2
        }
        return changed
    }

    /// Reads every pending event into `changed` (root-relative paths). Returns false when nothing was read.
    /// After an overflow `changed` becomes nil: everything must be looked at.
    @discardableResult
    public func drain(into changed: inout Set<String>?) -> Bool {
        guard fd >= 0 else { return false }
        var any = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let header = MemoryLayout<inotify_event>.size
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            any = true
            var offset = 0
            while offset + header <= n {
                let (wd, mask, len) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let e = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (e.wd, e.mask, Int(e.len))
                }
                let nameBytes = buffer[(offset + header)..<min(n, offset + header + len)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { changed = nil }
                if mask & UInt32(IN_MOVE_SELF | IN_DELETE_SELF) != 0 {
                    // A watched folder moved away or was deleted: stop following it (its path is what matters)
                    // and look at everything; it is watched again once it exists again.
                    // The root going means its folders went with it.
                    let folder = watched[wd]
                    let gone = folder == "" ? Array(watched.keys) : [wd]
                    for w in gone {
                        inotify_rm_watch(fd, w)
                        watched[w] = nil
                    }
                    // In a fleet, a pipeline folder going is a change of that pipeline only.
                    if fleet, let folder, !folder.isEmpty { changed?.insert(folder) } else { changed = nil }
                }
                if mask & UInt32(IN_IGNORED) != 0 { watched[wd] = nil }
                if let folder = watched[wd] ?? (mask & UInt32(IN_IGNORED) != 0 ? "" : nil) {
                    let rel = folder.isEmpty ? name : (name.isEmpty ? folder : folder + "/" + name)
                    if !rel.isEmpty { changed?.insert(rel) }
                    if name.isEmpty && !folder.isEmpty { changed?.insert(folder) }
                }
                offset += header + len
            }
        }
        // A folder created (or re-created) after the start is watched from now on.
        if any && (fleet || watched.count < Self.folders.count) {
            let added = addWatches()
            // A fleet's new pipeline folder: what it holds already is a change of that pipeline.
            if fleet { for folder in added { changed?.insert(folder) } } else if !added.isEmpty { changed = nil }
        }
        return any
    }
}
