// Hostile input for `airlock wait`: airlock.yaml broken while it waits, and standard output that cannot be written.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile input: wait's pipeline and output", .timeLimit(.minutes(2)))
struct HostileWaitPipelineTests {
    /// airlock.yaml turns to `broken` while the wait runs; then CD reports the version: the environment's file is
    /// still followed with the last good settings, and --json prints its final state.
    func followsThroughABrokenPipeline(_ broken: String, poll: Bool) throws {
        let root = waitRoot()
        let (p, out, err) = try launch(
            ["wait", "2.1.0", "--env", "production", "--timeout", "20s", "--json"], root: root.path,
            extraEnv: poll ? ["AIRLOCK_WATCH": "poll", "AIRLOCK_POLL_INTERVAL": "0.2"] : [:])
        #expect(err.wait(for: "waiting for", within: 20), "\(err.text)")
        cdWrite(root, "airlock.yaml", broken)
        #expect(err.wait(for: "airlock.yaml", within: 20), "\(err.text)")
        cdReport(root, "production", "2.1.0")
        #expect(childEnded(p, within: 20), "\(err.text)")
        #expect(p.terminationStatus == 0, "\(broken): \(err.text)")
        out.finish(within: 5)
        err.finish(within: 5)
        let obj = try? JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any]
        #expect(obj?["version"] as? String == "2.1.0", "\(out.text)")
        #expect(!err.text.contains("no request)"), "no false story at the end: \(err.text)")
    }

    @Test func anUnclosedList() throws {
        try followsThroughABrokenPipeline("pipeline: [\n", poll: false)
    }

    @Test func environmentsNotAList() throws {
        try followsThroughABrokenPipeline("pipeline: shop\nenvironments: 5\n", poll: false)
    }

    @Test func anUnclosedListWhilePolling() throws {
        try followsThroughABrokenPipeline("pipeline: [\n", poll: true)
    }

    /// Timing out with airlock.yaml broken still prints the final state with --json, and tells the truth.
    @Test func aTimeoutWithABrokenPipelinePrintsTheState() throws {
        let root = waitRoot()
        let (p, out, err) = try launch(
            ["wait", "2.1.0", "--env", "production", "--timeout", "3s", "--json"], root: root.path)
        #expect(err.wait(for: "waiting for", within: 20), "\(err.text)")
        cdWrite(root, "airlock.yaml", "pipeline: [\n")
        #expect(err.wait(for: "airlock.yaml", within: 20), "\(err.text)")
        cdReport(root, "production", "2.0.0")
        #expect(childEnded(p, within: 20), "\(err.text)")
        #expect(p.terminationStatus == 124, "\(err.text)")
        out.finish(within: 5)
        err.finish(within: 5)
        let obj = try? JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any]
        #expect(obj?["version"] as? String == "2.0.0", "\(out.text)")
        #expect(err.text.contains("runs 2.0.0"), "\(err.text)")
    }

    /// A full disk under --json: the write fails, so the command fails (exit 1, one line), whatever the verdict.
    @Test func jsonToAFullDeviceFailsTheCommand() {
        let root = waitRoot()
        for (args, what) in [
            (["--timeout", "1s"], "a timeout"), (["--env", "staging"], "an arrival"),
        ] {
            let env = args.first == "--env" ? [] : ["--env", "production"]
            let r = run(["wait", "2.0.0", "--json"] + env + args, root: root.path, stdout: "/dev/full")
            #expect(r.code == 1, "\(what): \(r.code) \(r.err)")
            #expect(r.err.contains("cannot write to standard output"), "\(what): \(r.err)")
        }
    }

    /// promotions/production.yaml made unreadable by `make` (before the start when `early`): its problem is one line
    /// `(still waiting)`, told once, and the wait goes on to its verdict.
    func requestProblemTold(_ what: String, early: Bool, _ make: (TempRoot) -> Void) throws {
        let root = waitRoot()
        if early { make(root) }
        let (p, _, err) = try launch(["wait", "2.0.0", "--env", "production", "--timeout", "30s"], root: root.path)
        #expect(err.wait(for: "waiting for", within: 20), "\(what)")
        if !early { make(root) }
        #expect(err.wait(for: "(still waiting)", within: 20), "\(what): \(err.text)")
        cdReport(root, "production", "2.0.0")
        #expect(childEnded(p, within: 20), "\(what)")
        #expect(p.terminationStatus == 0, "\(what): \(err.text)")
        err.finish(within: 5)
        let told = err.text.split(separator: "\n").filter { $0.contains("promotions/production.yaml") }
        #expect(told.count == 1, "\(what): \(err.text)")
        #expect(told.first?.hasSuffix("(still waiting)") == true, "\(what): \(err.text)")
    }

    @Test func aFIFOInPlaceOfTheRequest() throws {
        try requestProblemTold("FIFO", early: true) { root in
            mkdir(root.path + "/promotions", 0o755)
            mkfifo(root.path + "/promotions/production.yaml", 0o644)
        }
    }

    @Test func aRequestLinkedOutOfTheRoot() throws {
        let outside = TempRoot(["r.yaml": "version: 2.0.0\nkind: promotion\nrequested_by: eve\n"])
        try requestProblemTold("symlink", early: true) { root in
            mkdir(root.path + "/promotions", 0o755)
            symlink(outside.path + "/r.yaml", root.path + "/promotions/production.yaml")
        }
    }

    @Test func aHugeRequest() throws {
        try requestProblemTold("huge", early: false) { root in
            cdWrite(root, "promotions/production.yaml", String(repeating: "# padding\n", count: 3 << 20))
        }
    }

    @Test func aRequestWithBadYAML() throws {
        try requestProblemTold("bad YAML", early: false) { root in
            cdWrite(root, "promotions/production.yaml", "version: [\n")
        }
    }

    @Test func aVersionThatIsAPathIsRefused() {
        let root = waitRoot()
        let r = run(["wait", "../x", "--env", "production"], root: root.path)
        #expect(r.code == 2)
        #expect(r.err == "airlock: \"../x\" is not a valid version (letters, digits, '.', '_', '+', '-'; no paths)\n")
        let e = run(["wait", "\u{1b}[31m", "--env", "production"], root: root.path)
        #expect(e.code == 2)
        #expect(!e.err.contains("\u{1b}"), "\(e.err)")
    }
}
