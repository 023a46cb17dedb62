// The demo's live pipeline: CI deploys builds to development, checks flap, CD completes requested promotions.

import AirlockCore
import AirlockStore
import AirlockTUI
import Foundation

/// Keeps the demo root changing as a live pipeline would: CI deploys new builds to development,
/// checks flap, and CD completes a requested promotion a few seconds after it is requested.
public final class DemoSimulator: DashboardSimulator, @unchecked Sendable {
    public let root: String
    private let lock = NSLock()
    private var running = false
    private var thread: Thread?
    /// Seconds between CI builds to development, and from a request to its completion by CD.
    let buildEvery: TimeInterval
    let cdDelay: TimeInterval

    public init(root: String, buildEvery: TimeInterval = 30, cdDelay: TimeInterval = 3) {
        self.root = root
        self.buildEvery = buildEvery
        self.cdDelay = cdDelay
    }

    public func start(report: @escaping @Sendable (String) -> Void) {
        lock.lock()
        running = true
        lock.unlock()
        let t = Thread { [self] in self.loop(report) }
        t.name = "airlock-demo"
        thread = t
        t.start()
    }

    public func stop() {
        lock.lock()
        running = false
        lock.unlock()
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    private func loop(_ report: @Sendable (String) -> Void) {
        let loader = RootLoader(root: root)
        var tick = 0
        var lastBuild = Date()
        while isRunning {
            Thread.sleep(forTimeInterval: 1)
            tick += 1
            let snap = loader.load()
            let now = Date()
            if let text = completeRequests(snap, now: now) { report(text) }
            if tick % 7 == 0 { flapChecks(snap, now: now) }
            if tick % 20 == 0 { heartbeat(snap, now: now) }
            if now.timeIntervalSince(lastBuild) >= buildEvery {
                lastBuild = now
                if let text = deployBuild(snap, now: now) { report(text) }
            }
        }
    }

    private func write(_ env: String, _ s: EnvironmentStatus) {
        try? Files.atomicWrite(EnvironmentFile.render(s), to: root + "/environments/\(env).yaml")
    }

    /// CD: a request older than `cdDelay` is rolled out.
    private func completeRequests(_ snap: Snapshot, now: Date) -> String? {
        var said: String?
        for (env, req) in snap.promotions.sorted(by: { $0.key < $1.key }) {
            guard var s = snap.environments[env], s.version != req.version,
                now.timeIntervalSince(req.requestedAt) >= cdDelay
            else { continue }
            s.version = req.version
            s.deployedAt = now
            s.deployedBy = "cd"
            s.services = s.services.map { Service(name: $0.name, version: req.version, health: .healthy) }
            s.checks = s.checks.map { Check(name: $0.name, status: .passing, detail: $0.detail) }
            s.health = nil
            if let need = snap.releases[req.version]?.schemaVersion, need > (s.schemaVersion ?? 0) {
                s.schemaVersion = need
            }
            s.updatedAt = nil
            write(env, s)
            said = "demo CD: \(env) now runs \(req.version)"
        }
        return said
    }

    private func flapChecks(_ snap: Snapshot, now: Date) {
        guard var s = snap.environments["development"], let i = s.checks.lastIndex(where: { $0.name != "http" }) else {
            return
        }
        let warn = s.checks[i].status != .warning
        s.checks[i].status = warn ? .warning : .passing
        s.checks[i].detail = warn ? "reindex \(Int.random(in: 20...90))% done" : "index fresh"
        s.health = warn ? .degraded : .healthy
        s.updatedAt = nil
        write("development", s)
    }

    private func heartbeat(_ snap: Snapshot, now: Date) {
        for (env, s) in snap.environments where env != "development" {
            write(env, s)
        }
    }

    /// CI: a new build of the next release candidate lands in development.
    private func deployBuild(_ snap: Snapshot, now: Date) -> String? {
        guard var dev = snap.environments["development"], let current = dev.version else { return nil }
        let next: String
        if let r = current.range(of: "-rc."), let n = Int(current[r.upperBound...]) {
            next = current[..<r.lowerBound] + "-rc.\(n + 1)"
        } else {
            next = current + "-rc.1"
        }
        let base = snap.releases[current]
        let release = Release(
            version: next, createdAt: now, notes: base?.notes ?? "nightly build", schemaVersion: base?.schemaVersion,
            checklist: [:], approvals: [])
        try? Files.atomicWrite(NewReleaseFile.render(release), to: root + "/releases/\(next).yaml")
        dev.version = next
        dev.deployedAt = now
        dev.deployedBy = "ci"
        dev.services = dev.services.map { Service(name: $0.name, version: next, health: $0.health) }
        dev.updatedAt = nil
        write("development", dev)
        return "demo CI: built \(next) and deployed it to development"
    }
}
