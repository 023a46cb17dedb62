// scripts/install.sh into a temporary prefix: the binary, the man page, the completions, a second install over
// the first, and --uninstall leaving the prefix as it was; `airlock --version` names the commit.
import AirlockTestSupport
import Foundation
import Testing

@Suite("Install") struct InstallTests {
    @Test func installsWhatAUserNeedsAndUninstallsExactlyThat() throws {
        let prefix = TempPrefix()
        // Someone else's page and folders already there: kept, and not counted as the install's.
        prefix.write("share/man/man1/other.1", ".TH OTHER 1\n")
        prefix.write("bin/other", "#!/bin/sh\n")
        let before = treeState(prefix.path)

        let first = InstallFixtures.install([prefix.path])
        #expect(first.code == 0, "install: \(first.err)")
        for rel in InstallFixtures.installed {
            #expect(FileManager.default.fileExists(atPath: prefix.path + "/" + rel), "\(rel) installed")
            #expect(first.out.contains(prefix.path + "/" + rel), "\(rel) named in what it printed")
        }
        // Not a prefix the shells search: it says how to reach it.
        #expect(first.out.contains("MANPATH=\"\(prefix.path)/share/man:\""))
        #expect(first.out.contains("fpath=(\"\(prefix.path)/share/zsh/site-functions\""))
        #expect(isPrintable(first.out) && isPrintable(first.err))

        // The installed binary is the one built, and says which commit it came from.
        let version = InstallFixtures.runProgram([prefix.path + "/bin/airlock", "--version"], limit: 30)
        #expect(version.code == 0 && version.out == run(["--version"]).out)
        #expect(version.out.hasPrefix("airlock "))

        try checkManPage(prefix.path)
        try checkCompletions(prefix.path)

        // A second install over the first works, and still knows which folders were its own.
        let second = InstallFixtures.install([prefix.path])
        #expect(second.code == 0, "second install: \(second.err)")
        let manifest = try #require(prefix.read("share/airlock/install-manifest"))
        #expect(manifest.contains("dir share/zsh/site-functions") && !manifest.contains("dir share/man/man1"))
        #expect(!manifest.contains("dir bin\n"), "bin was there before")

        let removed = InstallFixtures.uninstall(prefix.path)
        #expect(removed.code == 0, "uninstall: \(removed.err)")
        #expect(treeState(prefix.path) == before, "the prefix is as it was")
    }

    /// `man -w` finds the page through MANPATH, and man renders it with every command in it.
    func checkManPage(_ prefix: String) throws {
        guard let man = InstallFixtures.which("man") else {
            Issue.record("man is not installed (.ci/run installs man-db)")
            return
        }
        let found = InstallFixtures.runProgram([man, "-w", "airlock"], env: ["MANPATH": prefix + "/share/man"])
        #expect(found.code == 0 && found.out == prefix + "/share/man/man1/airlock.1\n", "man -w: \(found.err)")
        let page = InstallFixtures.runProgram(
            [man, "-l", prefix + "/share/man/man1/airlock.1"],
            env: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100", "LANG": "C.UTF-8"])
        #expect(page.code == 0, "man -l: \(page.err)")
        #expect(page.err.isEmpty, "groff says nothing: \(page.err)")
        let text = page.out.replacingOccurrences(of: "\u{8}.", with: "", options: .regularExpression)
        for word in ["NAME", "SYNOPSIS", "airlock", "dashboard", "promote", "rollback", "--root"] {
            #expect(text.contains(word), "the page mentions \(word)")
        }
    }

    /// bash loads its completion and binds it to airlock; zsh and fish files parse, where those shells exist.
    func checkCompletions(_ prefix: String) throws {
        let bashFile = prefix + "/share/bash-completion/completions/airlock"
        let bash = InstallFixtures.runProgram(["/bin/bash", "-c", "source \"$0\" && complete -p airlock", bashFile])
        #expect(bash.code == 0 && bash.out.contains("-F _airlock airlock"), "bash: \(bash.out) \(bash.err)")
        let others = [
            ("zsh", prefix + "/share/zsh/site-functions/_airlock", "#compdef airlock"),
            ("fish", prefix + "/share/fish/vendor_completions.d/airlock.fish", "complete -c 'airlock'"),
        ]
        for (shell, file, marker) in others {
            let text = try #require(FileManager.default.contents(atPath: file))
            #expect(String(decoding: text, as: UTF8.self).contains(marker), "\(shell) file is a completion")
            guard let path = InstallFixtures.which(shell) else {
                print("skipped: \(shell) is not installed, so \(file) was not parsed")
                continue
            }
            let parsed = InstallFixtures.runProgram([path, "-n", file], limit: 60)
            #expect(parsed.code == 0, "\(shell) -n: \(parsed.err)")
        }
    }

    @Test func versionNamesACommitOfThisRepository() throws {
        let out = run(["--version"]).out
        let match = try #require(
            out.wholeMatch(
                of: /airlock (\d+\.\d+\.\d+) \(([0-9a-f]{7,})(-dirty)?\)\n|airlock \d+\.\d+\.\d+ \(unknown commit\)\n/
            ), "--version says \(out)")
        let root = repositoryRoot()
        guard sh("git -C '\(root)' rev-parse --git-dir >/dev/null 2>&1"), let commit = match.output.2 else {
            #expect(!sh("git -C '\(root)' rev-parse --git-dir >/dev/null 2>&1"), "built from git: a commit")
            return
        }
        #expect(sh("git -C '\(root)' cat-file -e '\(commit)^{commit}'"), "\(commit) is a commit here")
    }

    @Test func helpNamesEveryOption() {
        let r = InstallFixtures.runProgram(["/bin/bash", repositoryRoot() + "/scripts/install.sh", "--help"])
        #expect(r.code == 0)
        for word in ["--binary", "--uninstall", "PREFIX", "/usr/local", "~/.local", "install-manifest"] {
            #expect(r.out.contains(word), "--help mentions \(word)")
        }
    }
}
