// The folders of a status root one load holds open, each checked once to lie inside the root.
import Foundation

/// The folders one load opens (`SafeOpen`'s, relative to the root held open, each checked to lie inside it), each
/// at most once: root-relative path -> its folder and the file's name in it.
///
/// A file opened by name in such a folder without following a link (`openat` with `O_NOFOLLOW`) is inside the root
/// too, so the check of where each opened file leads (a `readlink` of its descriptor, and the kernel's walk of its
/// whole path) is made once per folder instead of once per file: most of the cost of opening a fleet's files.
struct ReadFolders {
    let root: String
    let realRoot: String
    /// The root itself, opened at the first file; nil when it cannot be (then every file is read by its path).
    private var top: SafeOpen.Folder??
    private var opened: [Substring: SafeOpen.Folder?] = [:]

    init(root: String, realRoot: String) {
        self.root = root
        self.realRoot = realRoot
    }

    mutating func locate(_ rel: String) -> (folder: SafeOpen.Folder, name: String)? {
        if top == nil { top = .some(try? SafeOpen.root(root).folder) }
        guard case .some(let rootFolder?) = top else { return nil }
        guard let slash = rel.lastIndex(of: "/") else { return (rootFolder, rel) }
        let dir = rel[..<slash]
        let name = String(rel[rel.index(after: slash)...])
        if let known = opened[dir] { return known.map { ($0, name) } }
        let folder = try? SafeOpen.folder(String(dir), in: rootFolder, rootReal: realRoot, create: false).folder
        opened[dir] = .some(folder)
        return folder.map { ($0, name) }
    }
}
