// Hostile input to `airlock report` and `airlock release`: every case exits 2 with one line and changes no file.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile input: report and release") struct HostileReportTests {
    /// Runs `args` on `root` and expects exit 2, one printable line on stderr starting with `prefix`, nothing on
    /// stdout, every file byte-identical, within 10 s.
    func refused(
        _ args: [String], _ root: TempRoot, _ prefix: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let before = treeState(root.path)
        let r = run(args, root: root.path, user: "ci", limit: 20)
        #expect(r.code == 2, "\(args): \(r.err)", sourceLocation: sourceLocation)
        #expect(r.err.hasPrefix("airlock: " + prefix), "\(args): \(r.err)", sourceLocation: sourceLocation)
        #expect(r.err.split(separator: "\n").count == 1 && r.out.isEmpty, sourceLocation: sourceLocation)
        #expect(isPrintable(r.err), sourceLocation: sourceLocation)
        #expect(r.seconds < 10, sourceLocation: sourceLocation)
        #expect(treeState(root.path) == before, "\(args) changed a file", sourceLocation: sourceLocation)
        #expect(leftovers(root.path) == [], sourceLocation: sourceLocation)
    }

    @Test func badWordsNamesAndVersionsAreRefused() {
        let root = shopRoot()
        refused(["report", "nowhere", "--version", "2.5.0"], root, "no environment \"nowhere\" in pipeline shop")
        refused(["report", "../qa"], root, "\"../qa\" is not an environment name")
        refused(["report", "qa", "--health", "fine"], root, "--health: \"fine\" is not one of healthy")
        refused(["report", "qa", "--check", "http=ok"], root, "--check http: \"ok\" is not one of passing")
        refused(["report", "qa", "--check", "=passing"], root, "--check \"=passing\": expected NAME=STATUS")
        refused(["report", "qa", "--service", "web=../x"], root, "--service web: \"../x\" is not a valid release")
        refused(["report", "qa", "--service", "web=2.5.0:sick"], root, "--service web: \"sick\" is not one of")
        refused(["report", "qa", "--version", "2.5.0/../../x"], root, "--version: \"2.5.0/../../x\" is not a valid")
        refused(["report", "qa", "--schema=-3"], root, "--schema: \"-3\" is not a whole number")
        refused(["report", "qa", "--deployed-at", "yesterday"], root, "--deployed-at: \"yesterday\" is not an RFC")
        refused(["release", "../../etc/passwd"], root, "\"../../etc/passwd\" is not a valid version")
        refused(["release", "2.6.0", "--created-at", "soon"], root, "--created-at: \"soon\" is not an RFC 3339")
        refused(["release", "2.6.0", "--schema", "x"], root, "--schema: \"x\" is not a whole number")
    }

    @Test func controlCharactersCRLFAndDirectionOverridesInValuesAreRefused() {
        let root = shopRoot()
        for bad in ["a\r\nb", "a\u{1B}[31mred", "a\u{7}", "a\u{202E}txt", "a\u{85}b", "a\u{2028}b"] {
            refused(["report", "qa", "--check", "http=passing:\(bad)"], root, "--check http: ")
            refused(["report", "qa", "--flag", "k=\(bad)"], root, "--flag k: ")
            refused(["report", "qa", "--by", bad], root, "--by: ")
            refused(["release", "2.4.0", "--notes", bad], root, "--notes: ")
        }
        refused(["report", "qa", "--config", "k\u{1B}=1"], root, "--config k")
    }

    @Test func brokenOrHostileJSONIsRefused() throws {
        let root = shopRoot()
        let dir = TempRoot()
        let write = { (name: String, text: String) -> String in
            let p = dir.path + "/" + name
            try? text.write(toFile: p, atomically: true, encoding: .utf8)
            return p
        }
        refused(["report", "qa", "--json", write("broken.json", "{\"version\": ")], root, "--json: not valid JSON")
        refused(["report", "qa", "--json", write("yaml.json", "version: 2.5.0\n")], root, "--json: not valid JSON")
        refused(["report", "qa", "--json", write("list.json", "[1, 2]")], root, "--json: expected an object")
        refused(
            ["report", "qa", "--json", write("health.json", #"{"health": "fine"}"#)], root,
            "environments/qa.yaml: the report would leave it invalid: health:")
        refused(
            ["report", "qa", "--json", write("esc.json", #"{"note": "a\u001b[2Jb"}"#)], root,
            "--json.note: ")
        refused(["report", "qa", "--json", dir.path + "/missing.json"], root, "--json ")
        let fifo = dir.path + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        refused(["report", "qa", "--json", fifo], root, "--json \(fifo): not a regular file (a FIFO)")
        let link = dir.path + "/link.json"
        #expect(symlink(write("ok.json", #"{"version": "2.5.0"}"#), link) == 0)
        refused(["report", "qa", "--json", link], root, "--json \(link): is a symbolic link")
        let huge = dir.path + "/huge.json"
        #expect(sh("head -c 2000000 /dev/zero | tr '\\0' ' ' > '\(huge)'"))
        refused(["report", "qa", "--json", huge], root, "--json \(huge): larger than the 1 MiB limit")
        refused(["report", "qa", "--json", "/dev/zero"], root, "--json /dev/zero: not a regular file (a device)")
        refused(["release", "2.4.0", "--notes-file", fifo], root, "--notes-file \(fifo): not a regular file")
    }

    @Test func whatStandsInTheEnvironmentFilesPlaceIsRefused() throws {
        let root = shopRoot()
        let outside = TempRoot(["secret.yaml": "version: 9.9.9\n"])
        let qa = root.path + "/environments/qa.yaml"
        try FileManager.default.removeItem(atPath: qa)
        #expect(symlink(outside.path + "/secret.yaml", qa) == 0)
        refused(["report", "qa", "--version", "2.5.0"], root, "environments/qa.yaml: is a symbolic link")
        #expect(outside.read("secret.yaml") == "version: 9.9.9\n")
        try FileManager.default.removeItem(atPath: qa)
        #expect(mkfifo(qa, 0o644) == 0)
        refused(["report", "qa", "--version", "2.5.0"], root, "environments/qa.yaml: not a regular file (a FIFO)")
        try FileManager.default.removeItem(atPath: qa)
        #expect(sh("head -c 17000000 /dev/zero | tr '\\0' '#' > '\(qa)'"))
        refused(["report", "qa"], root, "environments/qa.yaml: file is 17000000 bytes, larger than the 16 MiB")
        root.write("environments/qa.yaml", "version: [2.4.1\n")
        refused(["report", "qa"], root, "environments/qa.yaml:")
        // A CRLF file is read and rewritten with plain line ends (the environment file has one writer).
        root.write("environments/qa.yaml", "version: 2.4.1\r\nupdated_at: \(recent)\r\nhealth: healthy\r\n")
        #expect(run(["report", "qa", "--health", "down"], root: root.path, user: "ci").code == 0)
        #expect(root.load().environments["qa"]?.health == .down)
    }

    @Test func aFullDiskOrAFailedAppendChangesNothing() throws {
        let root = shopRoot()
        root.write("audit.jsonl", "")
        let before = treeState(root.path)
        var store = Store(root: root.path)
        store.faults.beforeAppend = { ENOSPC }
        var change = ReportChange(environment: "qa")
        change.version = "2.5.0"
        var failure: OperationError?
        do { _ = try store.report(change, actor: "ci") } catch { failure = error }
        #expect(failure?.exitCode == 1 && failure?.message.hasSuffix("nothing was changed") == true)
        #expect(treeState(root.path) == before && leftovers(root.path) == [])
        // Output to a full disk: exit 1, and the line says the change is recorded.
        let r = run(["report", "qa", "--version", "2.5.0"], root: root.path, user: "ci", stdout: "/dev/full")
        #expect(r.code == 1 && r.err.contains("the change is recorded"), "\(r.err)")
    }
}
