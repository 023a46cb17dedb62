// The shared runner of the binary keeps its promise: a run past its time limit is killed and said to be.
import AirlockTestSupport
import Foundation
import Testing

@Suite struct RunnerTests {
    @Test func aRunPastItsLimitIsKilledAndSaysSo() throws {
        // The command waits for a lock this process holds, far longer than the run's limit.
        let root = shopRoot()
        let lock = HostileWriteTests.holdLock(root.path)
        defer {
            lock.release.signal()
            _ = lock.done.wait(timeout: .now() + 20)
        }
        #expect(lock.inside.wait(timeout: .now() + 20) == .success)
        let r = run(["--lock-timeout", "60", "checklist", "2.5.0", "--done", "code-freeze"], root: root.path, limit: 1)
        #expect(r.timedOut)
        #expect(r.code == 128 + SIGKILL, "killed by SIGKILL: \(r.code)")
        #expect(r.seconds >= 1 && r.seconds < 20, "\(r.seconds) s")
    }

    @Test func aRunWithinItsLimitKeepsItsCodeAndStreams() {
        let r = run(["--version"], limit: 60)
        #expect(
            !r.timedOut && r.code == 0 && r.out.hasPrefix("airlock 0.1.0 (") && r.err.isEmpty,
            "\(r.code) \(r.out) \(r.err)")
    }
}
