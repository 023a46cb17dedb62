// What reading one status file gives: its stamp, its kind, its value or problems.
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Identity of a file's content as `stat` sees it; a change means the file must be read again.
struct FileStamp: Equatable, Sendable {
    var size: Int
    var mtimeSec: Int
    var mtimeNsec: Int
    var inode: UInt64
    var ctimeSec: Int
    var ctimeNsec: Int

    static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(st)
    }

    init(_ st: stat) {
        self.init(
            size: Int(st.st_size), mtimeSec: st.st_mtim.tv_sec, mtimeNsec: st.st_mtim.tv_nsec,
            inode: UInt64(st.st_ino), ctimeSec: st.st_ctim.tv_sec, ctimeNsec: st.st_ctim.tv_nsec)
    }

    init(size: Int, mtimeSec: Int, mtimeNsec: Int, inode: UInt64, ctimeSec: Int, ctimeNsec: Int) {
        self.size = size
        self.mtimeSec = mtimeSec
        self.mtimeNsec = mtimeNsec
        self.inode = inode
        self.ctimeSec = ctimeSec
        self.ctimeNsec = ctimeNsec
    }

    var mtime: Date { Date(timeIntervalSince1970: TimeInterval(mtimeSec) + TimeInterval(mtimeNsec) / 1e9) }
}

enum FileKind: Sendable { case pipeline, environment, release, promotion }

enum ParsedValue: Sendable {
    case pipeline(Pipeline)
    case environment(EnvironmentStatus)
    case release(Release)
    case promotion(PromotionRequest)
}

struct ParsedFile: Sendable {
    var stamp: FileStamp
    var kind: FileKind
    var stem: String
    /// The value when the file has no problems (pipelines keep a best-effort value with problems).
    var value: ParsedValue?
    var problems: [Problem]
}

struct ParseJob: Sendable {
    var relPath: String
    var kind: FileKind
    var stem: String
    var stamp: FileStamp
    /// Why what stands at the path cannot be read as the file (not a regular file, a symlink out of the root).
    var unreadable: String?
    /// Its folder, held open, and its name there (nil: opened by its whole path).
    var folder: (folder: SafeOpen.Folder, name: String)?
}
