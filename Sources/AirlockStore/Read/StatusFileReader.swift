// Opens the files airlock reads without ever blocking (a FIFO where a file belongs) or leaving the status root
// (a symlink to elsewhere): what is found there is a regular file, nothing, or a problem with its path.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

public enum StatusFileReader {
    /// What stands at a path where a status file belongs.
    enum Entry: Equatable, Sendable {
        case file(FileStamp)
        case missing
        /// Something that cannot be read as the file: the reason, and the stamp of what is there (so an
        /// unchanged problem is not looked at again).
        case problem(String, FileStamp)
    }

    /// The root with every symlink resolved: what "inside the root" is measured against.
    public static func realRoot(_ root: String) -> String {
        guard let resolved = realpath(root, nil) else { return root }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isInside(_ path: String, realRoot: String) -> Bool {
        realRoot == "/" || path == realRoot || path.hasPrefix(realRoot + "/")
    }

    /// A word for a file type that is not a regular file.
    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFLNK: return "a symlink"
        default: return "not a file"
        }
    }

    static func resolved(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Why a symlink does not resolve: a loop, or nothing at its end.
    static func unresolved(_ path: String) -> String {
        realpath(path, nil) == nil && errno == ELOOP ? "a symlink loop" : "a symlink to nothing"
    }

    /// Looks at `root/rel` without opening it (by its name in `folder`, its folder held open, when given).
    static func inspect(
        root: String, rel: String, realRoot: String, in folder: (folder: SafeOpen.Folder, name: String)? = nil
    ) -> Entry {
        let path = root + "/" + rel
        var st = stat()
        if let folder {
            guard fstatat(folder.folder.fd, folder.name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return .missing }
        } else {
            guard lstat(path, &st) == 0 else { return .missing }
        }
        let linkStamp = FileStamp(st)
        if (st.st_mode & S_IFMT) == S_IFLNK {
            guard let target = resolved(path) else {
                return .problem(unresolved(path), linkStamp)
            }
            guard isInside(target, realRoot: realRoot) else {
                return .problem("a symlink that leaves the status root (to \(target))", linkStamp)
            }
            guard stat(path, &st) == 0 else { return .problem("a symlink to nothing", linkStamp) }
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            return .problem("not a regular file (\(kindName(st.st_mode)))", FileStamp(st))
        }
        return .file(FileStamp(st))
    }

    /// A folder of the root (`environments`, `releases`, `promotions`): nil when it is a folder inside the
    /// root or absent, else the problem.
    public static func folderProblem(root: String, rel: String, realRoot: String) -> String? {
        let path = root + "/" + rel
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        if (st.st_mode & S_IFMT) == S_IFLNK {
            guard let target = resolved(path) else { return unresolved(path) }
            guard isInside(target, realRoot: realRoot) else {
                return "a symlink that leaves the status root (to \(target))"
            }
            guard stat(path, &st) == 0 else { return "a symlink to nothing" }
        }
        return (st.st_mode & S_IFMT) == S_IFDIR ? nil : "not a folder (\(kindName(st.st_mode)))"
    }

    /// Why a file could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Reads a whole regular file of at most `limit` bytes. Opened without blocking, so a FIFO swapped in
    /// after `inspect` is refused rather than waited on; with `realRoot`, a file that resolves outside it is
    /// refused too.
    public static func read(_ path: String, realRoot: String? = nil, limit: Int) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return .failure(Failure(reason: "cannot be read: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        return read(fd: fd, limit: limit) { fd in
            guard let realRoot, let opened = SafeOpen.realPath(of: fd), !isInside(opened, realRoot: realRoot) else {
                return nil
            }
            return "a symlink that leaves the status root (to \(opened))"
        }
    }

    /// Reads `name` in `folder` (a folder inside the root) without following a link; a link there (allowed when
    /// it stays inside the root) is read through `path` with the check of where it leads.
    static func read(
        _ name: String, in folder: SafeOpen.Folder, path: String, realRoot: String, limit: Int
    ) -> Result<[UInt8], Failure> {
        let fd = openat(folder.fd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW)
        guard fd >= 0 else {
            if errno == ELOOP { return read(path, realRoot: realRoot, limit: limit) }
            return .failure(Failure(reason: "cannot be read: \(String(cString: strerror(errno)))"))
        }
        defer { close(fd) }
        return read(fd: fd, limit: limit) { _ in nil }
    }

    /// Reads an open descriptor to its end: a regular file, of at most `limit` bytes, that `refusal` (given the
    /// descriptor) has no reason to refuse.
    private static func read(fd: Int32, limit: Int, refusal: (Int32) -> String?) -> Result<[UInt8], Failure> {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(Failure(reason: "cannot be read")) }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Failure(reason: "not a regular file (\(kindName(st.st_mode)))"))
        }
        if let reason = refusal(fd) { return .failure(Failure(reason: reason)) }
        let size = Int(st.st_size)
        guard size <= limit else {
            return .failure(Failure(reason: "file is \(size) bytes, larger than the \(limit / 1024 / 1024) MiB limit"))
        }
        // Read to the end (a file growing while read is read as far as the limit allows).
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= limit else {
                    return .failure(Failure(reason: "file is larger than the \(limit / 1024 / 1024) MiB limit"))
                }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { buf in
                Glibc.read(fd, buf.baseAddress.map { $0 + count }, buf.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(reason: "cannot be read: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            count += n
            // Short at exactly the size fstat gave: the end, without a second call to be told so (any other
            // short read, as some file systems give, is read on to the end).
            if count == size && n < bytes.count - (count - n) { break }
        }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }
}
