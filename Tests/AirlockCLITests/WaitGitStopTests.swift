// `airlock wait` and `status --watch` on a git root whose remote never answers: every way they end stops the
// running git fetch's whole group; and the first verdict waits for the first sync.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("wait and status --watch stop their git", .serialized, .timeLimit(.minutes(3)))
struct WaitGitStopTests {
    /// Clone b's remote hangs: `git fetch` runs `sleep <marker>` (the ext transport) until it is stopped.
    static func hangingRemote(_ w: GitWorld) -> String {
        var rng = SystemRandomNumberGenerator()
        let marker = "41.\(UInt32.random(in: 100_000...999_999, using: &rng))"
        w.sh("git config protocol.ext.allow always && git remote set-url origin 'ext::sleep \(marker)'", in: w.b)
        return marker
    }

    /// Pids of processes whose command line holds `marker`.
    static func holding(_ marker: String) -> [pid_t] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> pid_t? in
            guard let pid = pid_t(name), let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline") else {
                return nil
            }
            let text = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return text.contains(marker) && !text.contains("git config") ? pid : nil
        }
    }

    static func until(_ seconds: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// Starts `args` on clone b, waits for the fetch to hang, ends it with `signal` (0: let it end by itself) and
    /// checks that nothing of the fetch is left.
    func leavesNothing(_ args: [String], signal sig: Int32, exit code: Int32) throws {
        let w = GitWorld()
        let marker = Self.hangingRemote(w)
        let (p, _, err) = try launch(args, root: w.b)
        defer { for pid in Self.holding(marker) { kill(pid, SIGKILL) } }
        #expect(Self.until(20) { !Self.holding(marker).isEmpty }, "the fetch never started: \(err.text)")
        if sig != 0 { kill(p.processIdentifier, sig) }
        #expect(childEnded(p, within: 20), "\(err.text)")
        #expect(p.terminationStatus == code, "\(err.text)")
        #expect(Self.until(3) { Self.holding(marker).isEmpty }, "left running: \(Self.holding(marker)) \(err.text)")
    }

    @Test func waitStoppedBySIGINT() throws {
        try leavesNothing(["wait", "2.5.0", "--env", "qa", "--timeout", "0"], signal: SIGINT, exit: 130)
    }

    @Test func waitStoppedBySIGTERM() throws {
        try leavesNothing(["wait", "2.5.0", "--env", "qa", "--timeout", "0"], signal: SIGTERM, exit: 143)
    }

    @Test func waitThatTimesOut() throws {
        try leavesNothing(["wait", "2.5.0", "--env", "qa", "--timeout", "3s"], signal: 0, exit: 124)
    }

    @Test func statusWatchStoppedBySIGTERM() throws {
        try leavesNothing(["status", "--watch"], signal: SIGTERM, exit: 0)
    }

    @Test func theFirstVerdictComesAfterTheFirstSync() throws {
        let w = GitWorld()
        // a reports qa moving on and pushes; b still has qa on 2.4.1 and has not fetched.
        let stamp = TimeFormatText.now()
        let commit = "git -c user.name=cd -c user.email=cd@example.invalid commit -qam"
        w.sh(
            "printf 'version: 2.5.0\\nupdated_at: \(stamp)\\nhealth: healthy\\n' > environments/qa.yaml"
                + " && \(commit) deployed && git push -q origin main", in: w.a)
        let r = run(["wait", "2.4.1", "--env", "qa", "--timeout", "2s"], root: w.b)
        #expect(r.code == 124, "\(r.err)")
        #expect(r.err.contains("2.5.0"), "\(r.err)")
    }

    @Test func aFirstSyncThatFailsIsToldAndTheLocalStateJudged() throws {
        let w = GitWorld()
        w.sh("git remote set-url origin '\(w.base)/nowhere.git'", in: w.b)
        let r = run(["wait", "2.4.1", "--env", "qa", "--timeout", "20s"], root: w.b)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("sync:"), "\(r.err)")
        let sync = r.err.range(of: "sync:")?.lowerBound
        let runs = r.err.range(of: "waiting for")?.lowerBound
        if let sync, let runs {
            #expect(sync < runs, "the sync is told before the verdict: \(r.err)")
        } else {
            Issue.record("\(r.err)")
        }
    }
}
