// What the demo's CI, CD and monitoring do to one pipeline folder: each step reads a snapshot and writes files.

import AirlockCore
import AirlockStore
import Foundation

/// The demo's outside world acting on one pipeline root: CD rolls out requests, CI deploys builds, monitoring
/// flaps a check and sends heartbeats. A file with a problem is never rewritten (the problem stays for the
/// operator to see).
struct PipelineActions {
    let root: String

    private func write(_ env: String, _ s: EnvironmentStatus) {
        try? Files.atomicWrite(EnvironmentFile.render(s), to: root + "/environments/\(env).yaml")
    }

    private func broken(_ snap: Snapshot, _ env: String) -> Bool {
        snap.brokenEnvironments.contains(env) || snap.problems.contains { $0.path == "environments/\(env).yaml" }
    }

    /// CD: every request older than `delay` whose environment does not run it yet is rolled out.
    /// One line per rollout.
    func completeRequests(_ snap: Snapshot, now: Date, delay: TimeInterval) -> [String] {
        var said: [String] = []
        for (env, req) in snap.promotions.sorted(by: { $0.key < $1.key }) {
            guard var s = snap.environments[env], s.version != req.version, !broken(snap, env),
                now.timeIntervalSince(req.requestedAt) >= delay
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
            said.append("\(env) now runs \(req.version)")
        }
        return said
    }

    /// Monitoring: the last check of `env` (other than http) turns warning, or back to passing.
    /// Returns whether it now warns, nil when nothing was changed.
    @discardableResult
    func flapCheck(
        _ snap: Snapshot, env: String,
        detail: (Bool) -> String = { $0 ? "warning for \(Int.random(in: 20...90)) s" : "ok" }
    ) -> Bool? {
        guard var s = snap.environments[env], !broken(snap, env),
            let i = s.checks.lastIndex(where: { $0.name != "http" })
        else { return nil }
        let warn = s.checks[i].status != .warning
        s.checks[i].status = warn ? .warning : .passing
        s.checks[i].detail = detail(warn)
        s.health = warn ? .degraded : .healthy
        s.updatedAt = nil
        write(env, s)
        return warn
    }

    /// Monitoring: every environment but `except` reports in again, unchanged but for a fresh heartbeat (the file's
    /// time). An environment already stale stays so: its agent is the one that stopped reporting.
    func heartbeat(_ snap: Snapshot, except: String?, now: Date) {
        for env in snap.pipeline?.environments ?? [] where env.name != except && !broken(snap, env.name) {
            guard var s = snap.environments[env.name], !Rules.isStale(env, in: snap, now: now) else { continue }
            s.updatedAt = nil
            write(env.name, s)
        }
    }

    /// The first environment, the one CI deploys to.
    func firstEnvironment(_ snap: Snapshot) -> String? { snap.pipeline?.environments.first?.name }

    /// The next release candidate after `current`: `2.5.0-rc.1` -> `2.5.0-rc.2`, `2.5.0` -> `2.5.0-rc.1`.
    static func nextCandidate(after current: String) -> String {
        if let r = current.range(of: "-rc."), let n = Int(current[r.upperBound...]) {
            return current[..<r.lowerBound] + "-rc.\(n + 1)"
        }
        return current + "-rc.1"
    }

    /// CI: a new build of the next release candidate lands in the first environment. Returns its version.
    func deployBuild(_ snap: Snapshot, now: Date) -> String? {
        guard let first = firstEnvironment(snap), var dev = snap.environments[first], !broken(snap, first),
            let current = dev.version
        else { return nil }
        let next = Self.nextCandidate(after: current)
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
        write(first, dev)
        return next
    }
}
