// The headless follower: it wakes for a change (inotify or polling), at its deadline without one, when
// interrupted from another thread, and when a descriptor's reader goes away.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

@Suite(.timeLimit(.minutes(1)))
struct RootFollowerTests {
    func root() -> TempRoot {
        TempRoot([
            "airlock.yaml": "pipeline: shop\nenvironments:\n  - name: production\n",
            "environments/production.yaml": "version: 1.0.0\n",
        ])
    }

    func version(_ f: RootFollower) -> String? {
        guard case .pipeline(let snap) = f.reading else { return nil }
        return snap.environments["production"]?.version
    }

    /// Writes production's file by rename, as CD does.
    func deploy(_ r: TempRoot, _ version: String) {
        r.write("environments/.production.yaml.tmp.1", "version: \(version)\n")
        rename(r.path + "/environments/.production.yaml.tmp.1", r.path + "/environments/production.yaml")
    }

    @Test(arguments: [false, true])
    func aChangeWakesItWithTheNewReading(polling: Bool) {
        let r = root()
        let f = RootFollower(root: r.path, fleet: false, forcePolling: polling, pollInterval: 0.1)
        #expect(version(f) == "1.0.0")
        #expect(f.watcher.fd >= 0 || polling)
        deploy(r, "2.0.0")
        #expect(f.next(until: Date().addingTimeInterval(20)) == .changed)
        #expect(version(f) == "2.0.0")
    }

    @Test func theDeadlineWakesItWithoutAChange() {
        let r = root()
        let f = RootFollower(root: r.path, fleet: false, forcePolling: false, pollInterval: 0.05)
        let start = Date()
        #expect(f.next(until: start.addingTimeInterval(0.3)) == .deadline)
        let took = Date().timeIntervalSince(start)
        #expect(took >= 0.3 && took < 5, "\(took)")
        // A file that is not a status file changes nothing read: still the deadline.
        r.write("notes.txt", "hello")
        #expect(f.next(until: Date().addingTimeInterval(0.3)) == .deadline)
    }

    @Test func anInterruptFromAnotherThreadWakesIt() {
        let r = root()
        let f = RootFollower(root: r.path, fleet: false, forcePolling: false, pollInterval: 2)
        let waker = f.waker
        Thread.detachNewThread { waker.interrupt() }
        #expect(f.next(until: nil) == .interrupted)
    }

    @Test func aPipeWhoseReaderWentAwayEndsTheWait() {
        let r = root()
        let f = RootFollower(root: r.path, fleet: false, forcePolling: false, pollInterval: 2)
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[1]) }
        close(fds[0])
        #expect(f.next(until: Date().addingTimeInterval(20), ends: [fds[1]]) == .ended(fds[1]))
    }

    @Test func aFleetIsFollowedPipelineByPipeline() {
        let fleet = TempRoot([
            "shop/airlock.yaml": "pipeline: shop\nenvironments:\n  - name: production\n",
            "shop/environments/production.yaml": "version: 1.0.0\n",
        ])
        let f = RootFollower(root: fleet.path, fleet: true, forcePolling: false, pollInterval: 0.1)
        fleet.write("shop/environments/.t", "version: 3.0.0\n")
        rename(fleet.path + "/shop/environments/.t", fleet.path + "/shop/environments/production.yaml")
        #expect(f.next(until: Date().addingTimeInterval(20)) == .changed)
        guard case .fleet(let read) = f.reading else {
            Issue.record("not a fleet")
            return
        }
        #expect(read.members.first?.snapshot.environments["production"]?.version == "3.0.0")
    }
}
