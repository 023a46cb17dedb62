// The folders of a status root held open while a load reads them, each checked once to lie inside the root.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A folder of the status root, open, whose real path was found inside the root when it was opened.
///
/// A file opened by name in it without following a link (`openat` with `O_NOFOLLOW`) is inside the root too,
/// so the check of where each opened file leads (a `readlink` of its descriptor, and the kernel's walk of its
/// whole path) is made once per folder instead of once per file: most of the cost of opening a fleet's files.
final class ReadFolder: Sendable {
    let fd: Int32

    /// Opens `root/rel` ("" for the root itself); nil when it is not a folder inside the root.
    init?(root: String, rel: String, realRoot: String) {
        let fd = open(rel.isEmpty ? root : root + "/" + rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard let real = SafeOpen.realPath(of: fd), StatusFileReader.isInside(real, realRoot: realRoot) else {
            close(fd)
            return nil
        }
        self.fd = fd
    }

    deinit { close(fd) }
}

/// The folders one load opens, each at most once: root-relative path -> its folder and the file's name in it.
struct ReadFolders {
    let root: String
    let realRoot: String
    private var opened: [Substring: ReadFolder?] = [:]

    init(root: String, realRoot: String) {
        self.root = root
        self.realRoot = realRoot
    }

    mutating func locate(_ rel: String) -> (folder: ReadFolder, name: String)? {
        let slash = rel.lastIndex(of: "/")
        let dir = slash.map { rel[..<$0] } ?? ""
        let name = slash.map { String(rel[rel.index(after: $0)...]) } ?? rel
        if let known = opened[dir] { return known.map { ($0, name) } }
        let folder = ReadFolder(root: root, rel: String(dir), realRoot: realRoot)
        opened[dir] = .some(folder)
        return folder.map { ($0, name) }
    }
}
