// The inotify watcher: which changes it reports, and the loader that reads only the files it names.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

/// A class, so each test's folders go when the test ends (Swift Testing makes one instance per test).
@Suite final class WatcherTests {
    private var made: [String] = []

    deinit {
        for root in made {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: root + ".old")
        }
    }

    func makeRoot() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-watch-\(UUID().uuidString)")
            .path
        made.append(root)
        for d in ["environments", "releases"] {
            try FileManager.default.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: true)
        }
        try Files.atomicWrite(
            "pipeline: p\nenvironments:\n  - name: qa\n  - name: production\n", to: root + "/airlock.yaml")
        try Files.atomicWrite("version: 1.0.0\nhealth: healthy\n", to: root + "/environments/qa.yaml")
        return root
    }

    /// Everything the watcher reports until it has been quiet for 100 ms (at most 5 s of events).
    func settle(_ w: Watcher) -> Set<String>? {
        var changed: Set<String>? = []
        let until = Date().addingTimeInterval(5)
        var ready = pollfd(fd: w.fd, events: Int16(POLLIN), revents: 0)
        while Date() < until, poll(&ready, 1, 100) > 0 {
            w.drain(into: &changed)
        }
        return changed
    }

    @Test func atomicRenamesCreatesAndDeletesAreSeenByName() throws {
        let root = try makeRoot()
        let w = Watcher(root: root, forcePolling: false, pollInterval: 2)
        #expect(w.mode == .inotify)
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
        #expect(
            changed?.filter { $0.hasPrefix("releases/") && $0.hasSuffix(".yaml") && !$0.contains("/.") }.count == 20)
    }

    @Test func aFolderCreatedLaterIsWatchedAndForcesAFullLook() throws {
        let root = try makeRoot()
        let w = Watcher(root: root, forcePolling: false, pollInterval: 2)
        try Files.atomicWrite(
            "version: 1.0.0\nfrom: qa\nkind: promotion\nrequested_by: a\nrequested_at: 2026-01-01T00:00:00Z\n",
            to: root + "/promotions/production.yaml")
        #expect(settle(w) == nil, "a new folder: look at everything")
        try Files.atomicWrite(
            "version: 1.0.1\nfrom: qa\nkind: promotion\nrequested_by: a\nrequested_at: 2026-01-01T00:00:00Z\n",
            to: root + "/promotions/production.yaml")
        #expect(settle(w)?.contains("promotions/production.yaml") == true, "and is watched from then on")
    }

    @Test func aRootMovedAwayAndBackIsFollowedByItsPath() throws {
        let root = try makeRoot()
        let w = Watcher(root: root, forcePolling: false, pollInterval: 2)
        try FileManager.default.moveItem(atPath: root, toPath: root + ".old")
        #expect(settle(w) == nil, "the root went away: look at everything")
        try FileManager.default.copyItem(atPath: root + ".old", toPath: root)
        #expect(w.refreshWatches(), "watched again once it exists")
        _ = settle(w)
        try Files.atomicWrite("version: 3.0.0\n", to: root + "/environments/qa.yaml")
        #expect(
            settle(w)?.contains("environments/qa.yaml") == true, "events come from the new folders, not the moved ones")
        try Files.atomicWrite("version: 3.0.1\n", to: root + ".old/environments/qa.yaml")
        #expect(settle(w)?.isEmpty == true)
    }

    @Test func pollingModeSaysSo() throws {
        let w = Watcher(root: try makeRoot(), forcePolling: true, pollInterval: 2)
        #expect(w.fd == -1)
        #expect(w.mode == .polling(interval: 2) && "\(w.mode)" == "polling 2s")
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

@Suite struct IncrementalLoadTests {
    /// A small seeded generator, so a failing sequence of changes can be replayed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// After any sequence of file changes, the snapshot patched for the named files equals the one a loader
    /// that looks at every file builds (both remember the last good state of a file that broke).
    @Test func patchedSnapshotsEqualFreshReads() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-incr-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Files.atomicWrite(
            "pipeline: p\nenvironments:\n  - name: qa\n  - name: production\n", to: root + "/airlock.yaml")
        let loader = RootLoader(root: root)
        let scanner = RootLoader(root: root)
        _ = loader.load()
        _ = scanner.load()
        let seed = ProcessInfo.processInfo.environment["AIRLOCK_TEST_SEED"].flatMap { UInt64($0) } ?? 20_261_122
        print("IncrementalLoadTests seed \(seed) (AIRLOCK_TEST_SEED replays another)")
        var rng = SplitMix64(state: seed)
        let files = [
            "environments/qa.yaml", "environments/production.yaml", "environments/stray.yaml", "releases/1.0.0.yaml",
            "releases/2.0.0.yaml", "promotions/production.yaml", "airlock.yaml", "audit.jsonl",
        ]
        let contents: [String: [String]] = [
            "environments/qa.yaml": [
                "version: 2.0.0\nhealth: healthy\n", "version: [\n", "version: 1.0.0\nhealth: down\n",
            ],
            "environments/production.yaml": ["version: 1.0.0\n", "health: healthy\n"],
            "environments/stray.yaml": ["version: 1.0.0\n"],
            "releases/1.0.0.yaml": ["version: 1.0.0\n", "version: 9.9.9\n"],
            "releases/2.0.0.yaml": [
                "version: 2.0.0\nchecklist: {code-freeze: true}\n", "version: 2.0.0\nchecklist: {code-freeze: maybe}\n",
            ],
            "promotions/production.yaml": [
                "version: 2.0.0\nfrom: qa\nkind: promotion\nrequested_by: a\nrequested_at: 2026-01-01T00:00:00Z\n"
            ],
            "airlock.yaml": [
                "pipeline: p\nenvironments:\n  - name: qa\n  - name: production\n",
                "pipeline: p\nenvironments:\n  - name: qa\n  - name: stray\n  - name: production\n    gates: [nope]\n",
            ],
        ]
        for step in 0..<300 {
            var changed: Set<String> = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let rel = files.randomElement(using: &rng)!
                changed.insert(rel)
                if rel == "audit.jsonl" {
                    try Files.appendLine(
                        #"{"at":"2026-01-01T00:00:00Z","actor":"a","action":"approve","version":"\#(step)","#
                            + #""environment":"qa"}"#,
                        to: root + "/" + rel)
                } else if Int.random(in: 0..<5, using: &rng) == 0 && rel != "airlock.yaml" {
                    try? FileManager.default.removeItem(atPath: root + "/" + rel)
                } else {
                    try Files.atomicWrite(contents[rel]!.randomElement(using: &rng)!, to: root + "/" + rel)
                }
            }
            let patched = loader.load(changed: changed)
            let full = scanner.load(changed: nil)
            #expect(patched == full, "seed \(seed) step \(step) after \(changed)")
            if patched != full { break }
        }
    }
}
