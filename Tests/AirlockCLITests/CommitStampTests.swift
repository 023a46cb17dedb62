// scripts/commit-stamp.sh, which the CommitStamp plugin runs on each build: the commit named for a clean tree, a
// modified one, a tree outside git, and a tarball unpacked inside some other repository.
import AirlockTestSupport
import Foundation
import Testing

@Suite("Commit stamp") struct CommitStampTests {
    /// Runs the stamp on `dir`; the id it wrote, and the output file's path.
    func stamp(_ dir: String) -> (id: String?, file: String) {
        let out = dir + "/.stamp-out"
        let r = InstallFixtures.runProgram(
            ["/bin/sh", repositoryRoot() + "/scripts/commit-stamp.sh", dir, out], limit: 60)
        let file = out + "/BuildCommit.swift"
        guard r.code == 0, let data = FileManager.default.contents(atPath: file) else { return (nil, file) }
        let text = String(decoding: data, as: UTF8.self)
        let id = text.firstMatch(of: /static let id = "([^"]*)"/).map { String($0.output.1) }
        return (id, file)
    }

    /// A git repository with one commit of one file, in a fresh folder (removed with the prefix object).
    func repository(in folder: TempPrefix, at rel: String = "pkg") -> String {
        let dir = folder.path + "/" + rel
        folder.write(rel + "/Package.swift", "// a package\n")
        folder.write(rel + "/.gitignore", ".stamp-out/\n")
        sh(
            "git init -q && git add . && git -c user.name=t -c user.email=t@t commit -qm one", in: dir)
        return dir
    }

    @Test func aCleanTreeIsItsShortCommit() throws {
        let folder = TempPrefix()
        let dir = repository(in: folder)
        let head = shOutput("git rev-parse --short=7 HEAD", in: dir).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(head.count == 7)
        #expect(stamp(dir).id == head)
        // Nothing in the work tree changed: the stamp only reads.
        #expect(shOutput("git status --porcelain", in: dir).isEmpty)
    }

    @Test func aModifiedTrackedFileIsDirtyAnUntrackedOneIsNot() throws {
        let folder = TempPrefix()
        let dir = repository(in: folder)
        let head = shOutput("git rev-parse --short=7 HEAD", in: dir).trimmingCharacters(in: .whitespacesAndNewlines)
        folder.write("pkg/notes.txt", "untracked\n")
        #expect(stamp(dir).id == head)
        folder.write("pkg/Package.swift", "// changed\n")
        #expect(stamp(dir).id == head + "-dirty")
    }

    @Test func outsideGitOrInsideAnotherRepositoryIsUnknown() throws {
        let folder = TempPrefix()
        folder.write("tarball/Package.swift", "// no git here\n")
        #expect(stamp(folder.path + "/tarball").id == "unknown commit")
        // A source tree unpacked inside some other repository is not that repository's commit.
        let outer = repository(in: folder, at: "outer")
        folder.write("outer/vendor/airlock/Package.swift", "// unpacked\n")
        #expect(stamp(outer + "/vendor/airlock").id == "unknown commit")
    }

    @Test func anUnchangedStampIsNotRewritten() throws {
        let folder = TempPrefix()
        let dir = repository(in: folder)
        let first = stamp(dir)
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: first.file)
        _ = stamp(dir)
        let attributes = try FileManager.default.attributesOfItem(atPath: first.file)
        #expect(attributes[.modificationDate] as? Date == old, "the same text is left alone (no rebuild)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/.stamp-out") == ["BuildCommit.swift"])
    }
}
