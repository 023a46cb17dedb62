// Hostile input to scripts/install.sh: a prefix that is a file or cannot be written, no swift, a write that fails
// half-way, a binary that never answers, a tampered manifest, installed files changed since; one line, and the
// prefix left byte-identical.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile input: install") struct HostileInstallTests {
    /// A failure is one printable line on stderr naming `needle`, and nothing on stdout past what it said first.
    func expectOneLine(_ r: ProgramResult, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.code == 1, "exit code \(r.code): \(r.err)", sourceLocation: sourceLocation)
        #expect(
            r.err.hasSuffix("\n") && r.err.dropLast().split(separator: "\n").count == 1, "one line: \(r.err)",
            sourceLocation: sourceLocation)
        #expect(r.err.contains(needle), "\(r.err) names \(needle)", sourceLocation: sourceLocation)
        #expect(isPrintable(r.err) && isPrintable(r.out), sourceLocation: sourceLocation)
    }

    /// A copy of install.sh that nobody can read (the checkout may sit in a folder only root can open), in
    /// `folder/.script/scripts/`; the folder is opened to everyone.
    func asNobody(_ folder: TempPrefix) -> String {
        chmod(folder.path, 0o755)
        let copy = folder.path + "/.script/scripts/install.sh"
        try? FileManager.default.createDirectory(
            atPath: folder.path + "/.script/scripts", withIntermediateDirectories: true)
        try? FileManager.default.copyItem(atPath: repositoryRoot() + "/scripts/install.sh", toPath: copy)
        _ = sh("chmod -R a+rX '\(folder.path)/.script'")
        return copy
    }

    @Test func aPrefixThatIsAFileIsRefused() {
        let folder = TempPrefix()
        folder.write("prefix", "not a folder\n")
        let before = treeState(folder.path)
        expectOneLine(InstallFixtures.install([folder.path + "/prefix"]), "PREFIX is not a folder")
        expectOneLine(InstallFixtures.install([folder.path + "/prefix/below"]), "is not a folder")
        #expect(treeState(folder.path) == before)
    }

    @Test func anUnwritablePrefixIsRefusedAndChangesNothing() {
        let folder = TempPrefix()
        folder.write("locked/share/keep", "kept\n")
        let prefix = folder.path + "/locked"
        let script = asNobody(folder)
        if getuid() != 0 {
            chmod(prefix + "/share", 0o555)
            chmod(prefix, 0o555)
        }
        let before = treeState(folder.path)
        // root writes anywhere: then the install runs as nobody, for whom the root-owned prefix is read-only.
        let r = InstallFixtures.runProgram(
            (getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [])
                + ["/bin/bash", script, "--binary", airlockBinary(), prefix], limit: 120)
        expectOneLine(r, "cannot write to \(prefix)")
        #expect(treeState(folder.path) == before)
    }

    @Test func noSwiftAndNoBinaryIsOneLine() {
        let prefix = TempPrefix()
        let r = InstallFixtures.runProgram(
            ["/bin/bash", repositoryRoot() + "/scripts/install.sh", prefix.path], env: ["PATH": "/usr/bin:/bin"],
            limit: 60)
        expectOneLine(r, "swift not found on PATH")
        #expect(treeState(prefix.path).isEmpty)
    }

    @Test func aWriteThatFailsHalfWayLeavesThePrefixAsItWas() throws {
        let prefix = TempPrefix()
        #expect(InstallFixtures.install([prefix.path]).code == 0)
        prefix.write("share/man/man1/airlock.1", "changed by hand\n")
        let before = treeState(prefix.path)
        // Files a little smaller than the binary can be written, the binary cannot: the small files go in beside
        // their places, then copying the binary fails (SIGXFSZ).
        let size = try #require(try FileManager.default.attributesOfItem(atPath: airlockBinary())[.size] as? Int)
        let limit = "ulimit -f \(size / 1024 - 256); exec /bin/bash \"$@\""
        let r = InstallFixtures.runProgram(
            [
                "/bin/bash", "-c", limit, "install",
                repositoryRoot() + "/scripts/install.sh", "--binary", airlockBinary(), prefix.path,
            ])
        expectOneLine(r, "cannot write \(prefix.path)/bin/airlock")
        #expect(treeState(prefix.path) == before, "nothing half-installed, no temporary file left")
        // The same into a fresh prefix: the folders it made are gone again.
        let fresh = TempPrefix()
        let again = InstallFixtures.runProgram(
            [
                "/bin/bash", "-c", limit, "install",
                repositoryRoot() + "/scripts/install.sh", "--binary", airlockBinary(), fresh.path + "/new",
            ])
        expectOneLine(again, "cannot write")
        #expect(treeState(fresh.path).isEmpty)
    }

    @Test func aBinaryThatNeverAnswersIsRefusedInTime() {
        let prefix = TempPrefix()
        writeScript("#!/bin/sh\nexec sleep 600\n", to: prefix.path + "/hang")
        writeScript("#!/bin/sh\nprintf 'airlock \\033]0;x\\007 1\\n'\nexit 0\n", to: prefix.path + "/odd")
        writeScript("#!/bin/sh\necho 'airlock 1.0.0 (abc1234)'\n", to: prefix.path + "/fake")
        let before = treeState(prefix.path)
        let started = Date()
        let r = InstallFixtures.runProgram(
            ["/bin/bash", repositoryRoot() + "/scripts/install.sh", "--binary", prefix.path + "/hang", prefix.path],
            limit: 120)
        expectOneLine(r, "--version did not answer within 20 s")
        #expect(Date().timeIntervalSince(started) < 60)
        // Escape sequences in what a binary says never reach the terminal.
        let odd = InstallFixtures.runProgram(
            ["/bin/bash", repositoryRoot() + "/scripts/install.sh", "--binary", prefix.path + "/odd", prefix.path],
            limit: 120)
        expectOneLine(odd, "says 'airlock ]0;x 1': not an airlock binary")
        // One that looks like airlock but cannot describe its commands (a script): no man page, so no install.
        let fake = InstallFixtures.runProgram(
            ["/bin/bash", repositoryRoot() + "/scripts/install.sh", "--binary", prefix.path + "/fake", prefix.path],
            limit: 300)
        expectOneLine(fake, "generating the man page failed")
        #expect(treeState(prefix.path) == before)
    }

    @Test func aTamperedManifestRemovesNothingOutsideItsList() throws {
        let prefix = TempPrefix()
        #expect(InstallFixtures.install([prefix.path]).code == 0)
        prefix.write("etc/precious", "keep me\n")
        let manifest = try #require(prefix.read("share/airlock/install-manifest"))
        let sum = shOutput("sha256sum etc/precious | cut -d' ' -f1", in: prefix.path)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for line in [
            "file \(sum) ../\(URL(fileURLWithPath: prefix.path).lastPathComponent)/etc/precious",
            "file \(sum) etc/precious", "dir etc", "dir /", "dir share/../..",
        ] {
            prefix.write("share/airlock/install-manifest", manifest + line + "\n")
            let before = treeState(prefix.path)
            expectOneLine(InstallFixtures.uninstall(prefix.path), "refusing path")
            #expect(treeState(prefix.path) == before, "\(line): nothing removed")
        }
    }

    @Test func filesChangedSinceTheInstallAreKept() throws {
        let prefix = TempPrefix()
        #expect(InstallFixtures.install([prefix.path]).code == 0)
        prefix.write("share/man/man1/airlock.1", "edited by hand\n")
        let fish = prefix.path + "/share/fish/vendor_completions.d/airlock.fish"
        try FileManager.default.removeItem(atPath: fish)
        try FileManager.default.createSymbolicLink(atPath: fish, withDestinationPath: prefix.path + "/bin/airlock")
        let r = InstallFixtures.uninstall(prefix.path)
        #expect(r.code == 0 && isPrintable(r.out))
        #expect(r.out.contains("kept    \(prefix.path)/share/man/man1/airlock.1 (changed since it was installed)"))
        #expect(r.out.contains("kept    \(fish) (no longer the installed file)"))
        #expect(prefix.read("share/man/man1/airlock.1") == "edited by hand\n")
        #expect(!FileManager.default.fileExists(atPath: prefix.path + "/bin/airlock"))
        #expect(!FileManager.default.fileExists(atPath: prefix.path + "/share/zsh"), "its empty folders go")
        #expect(FileManager.default.fileExists(atPath: prefix.path + "/share/man/man1"), "a folder in use stays")
    }

    @Test func anUninstallThatCannotRemoveEverythingRemovesNothing() throws {
        let folder = TempPrefix()
        let prefix = folder.path + "/p"
        #expect(InstallFixtures.install([prefix]).code == 0)
        let script = asNobody(folder)
        if getuid() == 0 {
            // As nobody: the manifest's folder is opened to it, bin (root's) is not.
            chmod(prefix, 0o755)
            _ = sh("chmod -R a+rwX '\(prefix)/share' && chmod a+rx '\(prefix)/bin'")
        } else {
            chmod(prefix + "/bin", 0o555)
        }
        let before = treeState(folder.path)
        let r = InstallFixtures.runProgram(
            (getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [])
                + ["/bin/bash", script, "--uninstall", prefix], limit: 120)
        expectOneLine(r, "cannot write to \(prefix)/bin (permission denied?); nothing removed")
        #expect(treeState(folder.path) == before)
    }

    @Test func aPrefixWithAControlCharacterIsRefused() {
        let folder = TempPrefix()
        let before = treeState(folder.path)
        expectOneLine(InstallFixtures.install([folder.path + "/a\nb"]), "control character")
        expectOneLine(InstallFixtures.install([folder.path + "/a\u{1B}[2Jb"]), "control character")
        #expect(treeState(folder.path) == before)
    }
}
