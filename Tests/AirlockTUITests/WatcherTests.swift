import Foundation
import Testing
@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite struct WatcherTests {
    func makeRoot() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-watch-\(UUID().uuidString)").path
        for d in ["environments", "releases"] {
            try FileManager.default.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: true)
        }
        try Files.atomicWrite("pipeline: p\nenvironments:\n  - name: qa\n  - name: production\n", to: root + "/airlock.yaml")
        try Files.atomicWrite("version: 1.0.0\nhealth: healthy\n", to: root + "/environments/qa.yaml")
        return root
    }

    func settle(_ w: Watcher) -> Set<String>? {
        var changed: Set<String>? = []
        for _ in 0..<50 {
            usleep(2000)
            w.drain(into: &changed)
        }
        return changed
    }

    @Test func atomicRenamesCreatesAndDeletesAreSeenByName() throws {
        let root = try makeRoot()
        let w = Watcher(root: root, forcePolling: false, pollInterval: 2)
        #expect(w.mode == "inotify")
        try Files.atomicWrite("version: 1.1.0\n", to: root + "/environments/qa.yaml")
        #expect(settle(w)?.contains("environments/qa.yaml") == true)
        try FileManager.default.removeItem(atPath: root + "/environments/qa.yaml")
        #expect(settle(w)?.contains("environments/qa.yaml") == true)
        try Files.appendLine("{}", to: root + "/audit.jsonl")
        #expect(settle(w)?.contains("audit.jsonl") == true)
    }

    @Test func aBurstBecomesOneSetOfChanges() throws {
        let root = try makeRoot()
        let w = Watcher(root: root, forcePolling: false, pollInterval: 2)
        for i in 0..<20 { try Files.atomicWrite("version: \(i).0.0\n", to: root + "/releases/\(i).0.0.yaml") }
        let changed = settle(w)
        #expect(changed?.filter { $0.hasPrefix("releases/") && $0.hasSuffix(".yaml") && !$0.contains("/.") }.count == 20)
    }

    @Test func aFolderCreatedLaterIsWatchedAndForcesAFullLook() throws {
        let root = try makeRoot()
        let w = Watcher(root: root, forcePolling: false, pollInterval: 2)
        try Files.atomicWrite("version: 1.0.0\nfrom: qa\nkind: promotion\nrequested_by: a\nrequested_at: 2026-01-01T00:00:00Z\n",
                              to: root + "/promotions/production.yaml")
        #expect(settle(w) == nil, "a new folder: look at everything")
        try Files.atomicWrite("version: 1.0.1\nfrom: qa\nkind: promotion\nrequested_by: a\nrequested_at: 2026-01-01T00:00:00Z\n",
                              to: root + "/promotions/production.yaml")
        #expect(settle(w)?.contains("promotions/production.yaml") == true, "and is watched from then on")
    }

    @Test func pollingModeSaysSo() throws {
        let w = Watcher(root: try makeRoot(), forcePolling: true, pollInterval: 2)
        #expect(w.fd == -1)
        #expect(w.mode == "polling 2s")
    }

    @Test func loaderReadsOnlyTheNamedFiles() throws {
        let root = try makeRoot()
        let loader = RootLoader(root: root)
        _ = loader.load()
        _ = loader.load()
        #expect(!loader.lastLoadChanged, "nothing changed, nothing to redraw")
        try Files.atomicWrite("version: 2.0.0\nhealth: healthy\n", to: root + "/environments/qa.yaml")
        try Files.atomicWrite("version: 2.0.0\n", to: root + "/releases/2.0.0.yaml")
        let snap = loader.load(changed: ["environments/qa.yaml"])
        #expect(loader.lastParsedCount == 1 && loader.lastLoadChanged)
        #expect(snap.environments["qa"]?.version == "2.0.0")
        #expect(snap.releases["2.0.0"] == nil, "not named, not read yet")
        let full = loader.load(changed: nil)
        #expect(full.releases["2.0.0"] != nil)
        try FileManager.default.removeItem(atPath: root + "/environments/qa.yaml")
        #expect(loader.load(changed: ["environments/qa.yaml"]).environments["qa"] == nil)
    }
}
