import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

/// Files read by name in a folder held open must keep every promise of reading them by path: never out of the
/// root, never blocked on a FIFO, and a link that stays inside the root still read.
@Suite struct ReadFolderTests {
    func readInFolder(_ root: TempRoot, _ rel: String) -> Result<[UInt8], StatusFileReader.Failure>? {
        let realRoot = StatusFileReader.realRoot(root.path)
        var folders = ReadFolders(root: root.path, realRoot: realRoot)
        guard let (folder, name) = folders.locate(rel) else { return nil }
        return StatusFileReader.read(name, in: folder, path: root.path + "/" + rel, realRoot: realRoot, limit: 1 << 20)
    }

    @Test func aFileSwappedForALinkAfterItsFolderOpenedIsCheckedWhereItLeads() throws {
        let outside = TempRoot(["secret.yaml": "version: 6.6.6\n"])
        let root = TempRoot(["releases/2.4.1.yaml": "version: 2.4.1\n", "releases/keep.yaml": "version: 1.0.0\n"])
        let realRoot = StatusFileReader.realRoot(root.path)
        var folders = ReadFolders(root: root.path, realRoot: realRoot)
        let found = folders.locate("releases/2.4.1.yaml")
        let located = try #require(found)
        // Swapped between the look and the read, as another writer racing the loader could.
        unlink(root.path + "/releases/2.4.1.yaml")
        symlink(outside.path + "/secret.yaml", root.path + "/releases/2.4.1.yaml")
        let out = StatusFileReader.read(
            located.name, in: located.folder, path: root.path + "/releases/2.4.1.yaml", realRoot: realRoot,
            limit: 1 << 20)
        guard case .failure(let failure) = out else {
            Issue.record("read a file outside the root through a link")
            return
        }
        #expect(failure.reason.hasPrefix("a symlink that leaves the status root"), "\(failure.reason)")
        // A link that stays inside the root is read.
        symlink(root.path + "/releases/keep.yaml", root.path + "/releases/alias.yaml")
        guard case .success(let bytes) = readInFolder(root, "releases/alias.yaml") else {
            Issue.record("a link inside the root was refused")
            return
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "version: 1.0.0\n")
    }

    @Test func aFolderThatLeadsOutOfTheRootIsNotHeldOpen() {
        let outside = TempRoot(["2.4.1.yaml": "version: 2.4.1\n"])
        let root = TempRoot(["airlock.yaml": "pipeline: shop\n"])
        symlink(outside.path, root.path + "/releases")
        #expect(readInFolder(root, "releases/2.4.1.yaml") == nil)
        // The root itself is a folder inside the root.
        guard case .success(let bytes) = readInFolder(root, "airlock.yaml") else {
            Issue.record("the root's own file was refused")
            return
        }
        #expect(bytes == Array("pipeline: shop\n".utf8))
    }

    @Test func aFIFOInAHeldFolderIsRefusedWithoutBlocking() {
        let root = TempRoot(["releases/keep.yaml": "version: 1.0.0\n"])
        mkfifo(root.path + "/releases/2.4.1.yaml", 0o644)
        guard case .failure(let failure) = readInFolder(root, "releases/2.4.1.yaml") else {
            Issue.record("a FIFO was read")
            return
        }
        #expect(failure.reason == "not a regular file (a FIFO)")
    }
}
