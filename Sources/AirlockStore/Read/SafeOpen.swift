// Opening the files airlock writes without blocking, following a link or leaving the root.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Opening the files airlock writes without blocking, without following a link and without leaving the root.
/// Folders are held open and every later step works relative to their descriptor, so no path lookup in between
/// can be redirected.
enum SafeOpen {
    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// An open folder of the status root; `rel` is its root-relative path ("" for the root itself).
    final class Folder: Sendable {
        let fd: Int32
        let rel: String

        init(fd: Int32, rel: String) {
            self.fd = fd
            self.rel = rel
        }
        deinit { close(fd) }

        /// The root-relative path of `name` inside this folder.
        func path(_ name: String) -> String { rel.isEmpty ? name : rel + "/" + name }

        /// Flushes renames and unlinks in this folder to disk.
        func sync() { _ = fsync(fd) }
    }

    /// The real path of an open descriptor (what it resolved to, links followed).
    static func realPath(of fd: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The status root itself.
    static func root(_ root: String) throws(StoreIOError) -> (folder: Folder, real: String) {
        let fd = Glibc.open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreIOError("\(root): cannot open the status root: \(errorText(errno))") }
        let folder = Folder(fd: fd, rel: "")
        let real = realPath(of: fd) ?? URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        return (folder, real)
    }

    /// A folder directly below the root (`releases`, `promotions`), created when `create` and it does not exist.
    /// It may be a link, but what it resolves to must lie inside the root.
    /// `created` tells whether this call made it (so a change that is not carried out can take it away again).
    static func folder(_ name: String, in root: Folder, rootReal: String, create: Bool) throws(StoreIOError)
        -> (folder: Folder, created: Bool)
    {
        var fd = openat(root.fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        var created = false
        if fd < 0 && errno == ENOENT && create {
            if mkdirat(root.fd, name, 0o755) == 0 {
                created = true
            } else if errno != EEXIST {
                throw StoreIOError("\(name): cannot create the folder: \(errorText(errno))")
            }
            fd = openat(root.fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        guard fd >= 0 else {
            if errno == ENOTDIR { throw StoreIOError("\(name): not a folder") }
            if errno == ENOENT { throw StoreIOError("\(name): leads nowhere (a link to a missing folder?)") }
            throw StoreIOError("\(name): cannot open the folder: \(errorText(errno))")
        }
        let folder = Folder(fd: fd, rel: name)
        guard let real = realPath(of: fd) else { throw StoreIOError("\(name): cannot tell where the folder is") }
        guard real.hasPrefix(rootReal.hasSuffix("/") ? rootReal : rootReal + "/") else {
            throw StoreIOError(
                "\(name): leads outside the status root (to \(real)); "
                    + "airlock writes only inside the root")
        }
        return (folder, created)
    }

    /// What is at `name` in `folder` without following a link; nil when nothing is.
    static func lstat(_ name: String, in folder: Folder) throws(StoreIOError) -> stat? {
        var st = stat()
        if fstatat(folder.fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 { return st }
        if errno == ENOENT { return nil }
        throw StoreIOError("\(folder.path(name)): \(errorText(errno))")
    }

    static func isRegular(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFREG }
    static func isLink(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFLNK }

    static func linkRefused(_ rel: String) -> StoreIOError {
        StoreIOError("\(rel): is a symbolic link; airlock does not write through links")
    }

    /// Refuses a link or anything but a regular file at a place airlock is about to write.
    static func regularOrAbsent(_ name: String, in folder: Folder) throws(StoreIOError) -> stat? {
        guard let st = try lstat(name, in: folder) else { return nil }
        if isLink(st) { throw linkRefused(folder.path(name)) }
        guard isRegular(st) else { throw StoreIOError("\(folder.path(name)): not a regular file") }
        return st
    }

    /// Opens `name` with `flags` (O_NOFOLLOW and O_NONBLOCK added) and checks it is a regular file.
    static func open(_ name: String, in folder: Folder, flags: Int32, verb: String) throws(StoreIOError) -> Int32 {
        _ = try regularOrAbsent(name, in: folder)
        let fd = openat(folder.fd, name, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ELOOP: throw linkRefused(folder.path(name))
            case ENXIO, EISDIR, EWOULDBLOCK, ENODEV: throw StoreIOError("\(folder.path(name)): not a regular file")
            default: throw StoreIOError("\(folder.path(name)): cannot \(verb): \(errorText(code))")
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0, isRegular(st) else {
            close(fd)
            throw StoreIOError("\(folder.path(name)): not a regular file")
        }
        // A hard link makes the same file appear elsewhere, perhaps outside the root: writing it would write there.
        if flags & (O_WRONLY | O_RDWR) != 0 && st.st_nlink > 1 {
            close(fd)
            throw StoreIOError(
                "\(folder.path(name)): has \(st.st_nlink - 1) other hard link(s); airlock does not write "
                    + "through links")
        }
        return fd
    }

    /// The whole content of a regular file, or nil when there is none.
    static func read(_ name: String, in folder: Folder) throws(StoreIOError) -> [UInt8]? {
        guard try regularOrAbsent(name, in: folder) != nil else { return nil }
        let fd = try open(name, in: folder, flags: O_RDONLY, verb: "read")
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw StoreIOError("\(folder.path(name)): cannot read: \(errorText(errno))") }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    /// Writes every byte, retrying short writes; returns the error number of a failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }

    /// A unique name for a temporary file beside `name`; the `.tmp.` in it is what git is told to ignore.
    static func temporaryName(for name: String, suffix: String = "") -> String {
        ".\(name).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))\(suffix)"
    }

    /// Creates a new temporary file beside `name` holding `bytes`, written and synced; returns its name.
    static func temporary(
        for name: String, in folder: Folder, bytes: [UInt8],
        mode: mode_t
    ) throws(StoreIOError) -> String {
        let temp = temporaryName(for: name)
        let fd = openat(folder.fd, temp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw StoreIOError("\(folder.path(name)): cannot create a temporary file: \(errorText(errno))")
        }
        let failure = writeAll(fd, bytes) ?? (fsync(fd) == 0 ? nil : errno)
        close(fd)
        if let failure {
            unlinkat(folder.fd, temp, 0)
            throw StoreIOError("\(folder.path(name)): cannot write a temporary file: \(errorText(failure))")
        }
        return temp
    }
}
