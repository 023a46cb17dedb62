// Atomic replacement and appends for files outside a command's transaction (demo, benchmarks, tests).
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

public struct StoreIOError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ d: String) { description = d }
}

/// Plain atomic replacement and appends, for files outside a command's transaction (the demo, benchmarks,
/// tests); commands write through WriteTransaction under RootLock.
public enum Files {
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreIOError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// Replaces `path` atomically: temporary file beside it, fsync, rename, fsync of the folder.
    public static func atomicWrite(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tmp = dir + "/." + url.lastPathComponent + ".tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreIOError("cannot create \(tmp): \(String(cString: strerror(errno)))") }
        do {
            try writeAll(fd, Array(text.utf8), path: tmp)
            guard fsync(fd) == 0 else { throw StoreIOError("cannot sync \(tmp): \(String(cString: strerror(errno)))") }
            close(fd)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        guard rename(tmp, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(tmp)
            throw StoreIOError("cannot replace \(path): \(message)")
        }
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Appends one line in a single write, starting a new line first if the file ends mid-line.
    public static func appendLine(_ line: String, to path: String) throws {
        let fd = open(path, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard fd >= 0 else { throw StoreIOError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes = Array(line.utf8)
        var st = stat()
        if fstat(fd, &st) == 0, st.st_size > 0 {
            let rfd = open(path, O_RDONLY | O_CLOEXEC)
            if rfd >= 0 {
                var last: UInt8 = 0x0A
                if pread(rfd, &last, 1, st.st_size - 1) == 1, last != 0x0A { bytes.insert(0x0A, at: 0) }
                close(rfd)
            }
        }
        try writeAll(fd, bytes, path: path)
        guard fsync(fd) == 0 else { throw StoreIOError("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }
}
