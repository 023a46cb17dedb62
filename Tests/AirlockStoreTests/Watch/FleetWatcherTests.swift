// The watcher on a fleet root: one inotify descriptor for every pipeline folder, paths relative to the fleet root,
// pipelines that come and go, and the kernel's watch limit (the rest polled, nothing already watched dropped).

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

@Suite final class FleetWatcherTests {
    private var made: [String] = []

    deinit { for root in made { try? FileManager.default.removeItem(atPath: root) } }

    /// A fleet root of pipelines `names`, each with an environments folder.
    func makeFleet(_ names: [String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-fleetwatch-\(UUID())").path
        made.append(root)
        for name in names { try addPipeline(name, to: root) }
        return root
    }

    func addPipeline(_ name: String, to root: String) throws {
        try FileManager.default.createDirectory(
            atPath: "\(root)/\(name)/environments", withIntermediateDirectories: true)
        try Files.atomicWrite("pipeline: \(name)\nenvironments:\n  - name: qa\n", to: "\(root)/\(name)/airlock.yaml")
    }

    /// Everything reported until quiet for 100 ms (at most 5 s).
    func settle(_ w: Watcher) -> Set<String>? {
        var changed: Set<String>? = []
        let until = Date().addingTimeInterval(5)
        var ready = pollfd(fd: w.fd, events: Int16(POLLIN), revents: 0)
        while Date() < until, poll(&ready, 1, 100) > 0 { w.drain(into: &changed) }
        return changed
    }

    @Test func changesAreNamedRelativeToTheFleetRoot() throws {
        let root = try makeFleet(["checkout", "search"])
        let w = Watcher(root: root, forcePolling: false, pollInterval: 2, fleet: true)
        #expect(w.mode == .inotify)
        try Files.atomicWrite("version: 1.0.0\n", to: root + "/search/environments/qa.yaml")
        let changed = settle(w)
        #expect(changed?.contains("search/environments/qa.yaml") == true)
        #expect(changed?.contains { $0.hasPrefix("checkout") } == false)
    }

    @Test func aPipelineAddedIsFollowedAndOneRemovedIsNamed() throws {
        let root = try makeFleet(["checkout"])
        let w = Watcher(root: root, forcePolling: false, pollInterval: 2, fleet: true)
        try addPipeline("cart", to: root)
        #expect(settle(w)?.contains("cart") == true, "the new folder is a change")
        try Files.atomicWrite("version: 2.0.0\n", to: root + "/cart/environments/qa.yaml")
        #expect(settle(w)?.contains("cart/environments/qa.yaml") == true, "and is watched from then on")
        try FileManager.default.removeItem(atPath: root + "/checkout")
        let gone = settle(w)
        #expect(gone?.contains("checkout") == true, "a pipeline gone is a change of that pipeline only")
        try Files.atomicWrite("version: 2.0.1\n", to: root + "/cart/environments/qa.yaml")
        #expect(settle(w)?.contains("cart/environments/qa.yaml") == true, "the others are still watched")
    }

    @Test func pastTheKernelsLimitTheRestIsPolledAndTheWatchedStayWatched() throws {
        let root = try makeFleet(["a", "b", "c"])
        // The fleet root and a's folders fit; the limit refuses the rest.
        let w = Watcher(root: root, forcePolling: false, pollInterval: 2, fleet: true, watchLimit: 3)
        #expect(w.unwatched == ["b", "b/environments", "c", "c/environments"])
        #expect(w.mode == .partial(unwatched: 4, interval: 2))
        #expect("\(w.mode)" == "inotify limit: 4 folders polled 2s")
        try Files.atomicWrite("version: 1.0.0\n", to: root + "/a/environments/qa.yaml")
        #expect(settle(w)?.contains("a/environments/qa.yaml") == true)
        #expect(w.refreshWatches() == false, "still refused")
        try FileManager.default.removeItem(atPath: root + "/c")
        _ = settle(w)
        #expect(w.unwatched == ["b", "b/environments"], "a pipeline gone is no longer polled")
    }
}
