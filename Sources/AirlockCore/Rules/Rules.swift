// The SPEC §2 rules: health, staleness, freezes, approvals and what is pending, from (snapshot, now).
import Foundation

public enum PendingState: String, Sendable, Equatable {
    case ready, blocked
    case inProgress = "in-progress"
}

/// A release waiting to move from one environment to the next.
public struct PendingPromotion: Sendable, Equatable {
    public var version: String
    public var from: String
    public var to: String
    public var state: PendingState
    public var blockers: [Blocker]
}

/// The SPEC §2 rules: pure functions of (snapshot, now).
public enum Rules {
    /// Health from the `health` key, else from the checks.
    public static func health(of status: EnvironmentStatus?) -> Health {
        guard let status else { return .unknown }
        if let h = status.health { return h }
        if status.checks.isEmpty { return .unknown }
        if status.checks.allSatisfy({ $0.status == .passing }) { return .healthy }
        if status.checks.allSatisfy({ $0.status == .failing }) { return .down }
        if status.checks.contains(where: { $0.status == .warning || $0.status == .failing }) { return .degraded }
        return .unknown
    }

    public static func isStale(_ status: EnvironmentStatus?, config: EnvironmentConfig, now: Date) -> Bool {
        guard let updated = status?.updatedAt else { return false }
        // A heartbeat from the future says nothing about now (a wrong clock or a wrong value): not fresh.
        return now.timeIntervalSince(updated) > config.staleAfter || updated.timeIntervalSince(now) > clockSkewAllowance
    }

    /// How far ahead of this machine's clock a heartbeat may be (clocks differ a little) before it is a problem.
    public static let clockSkewAllowance: TimeInterval = 300

    /// Stale as the SPEC means it: no fresh report, or a broken file whose last good state is shown.
    public static func isStale(_ env: EnvironmentConfig, in snapshot: Snapshot, now: Date) -> Bool {
        snapshot.brokenEnvironments.contains(env.name)
            || isStale(snapshot.environments[env.name], config: env, now: now)
    }

    /// The freeze on an environment that is active now (the one that ends last, when several are).
    public static func activeFreeze(on env: String, pipeline: Pipeline, now: Date) -> Freeze? {
        pipeline.freezes.filter { $0.isActive(on: env, at: now) }.max { $0.until < $1.until }
    }

    /// Recorded approvals of `version` for `env` that count: one per identity, approvers only; with
    /// `separate_duties`, not the release's author's.
    public static func approvals(of release: Release?, for env: EnvironmentConfig) -> [Approval] {
        guard let release else { return [] }
        var seen = Set<String>()
        let author = env.separateDuties ? release.createdBy : nil
        return release.approvals.filter {
            $0.environment == env.name && env.approvers.contains($0.by) && $0.by != author
                && seen.insert($0.by).inserted
        }
    }

    /// True when `a` is a newer release than `b`.
    public static func isNewer(_ a: String, than b: String, releases: [String: Release]) -> Bool {
        ReleaseOrder.precedes(b, a, releases: releases)
    }

    /// The pending promotion into the environment at `index` (from the one before it), if any.
    public static func pending(into index: Int, snapshot: Snapshot, now: Date) -> PendingPromotion? {
        guard let pipeline = snapshot.pipeline, index > 0, index < pipeline.environments.count else { return nil }
        let a = pipeline.environments[index - 1]
        let b = pipeline.environments[index]
        let aStatus = snapshot.environments[a.name]
        let bStatus = snapshot.environments[b.name]
        guard let candidate = aStatus?.version else { return nil }
        if let current = bStatus?.version {
            guard isNewer(candidate, than: current, releases: snapshot.releases) else { return nil }
        }
        if let request = snapshot.promotions[b.name], request.version == candidate,
            Facts.progress(of: request, observed: bStatus) == .inProgress
        {
            return PendingPromotion(version: candidate, from: a.name, to: b.name, state: .inProgress, blockers: [])
        }
        let blockers = self.blockers(
            version: candidate, from: a, to: b, snapshot: snapshot, pipeline: pipeline, now: now)
        return PendingPromotion(
            version: candidate, from: a.name, to: b.name,
            state: blockers.isEmpty ? .ready : .blocked, blockers: blockers)
    }

    /// Every pending promotion, in pipeline order.
    public static func pending(snapshot: Snapshot, now: Date) -> [PendingPromotion] {
        guard let pipeline = snapshot.pipeline else { return [] }
        return (1..<max(1, pipeline.environments.count)).compactMap { pending(into: $0, snapshot: snapshot, now: now) }
    }

    static func blockers(
        version: String, from a: EnvironmentConfig, to b: EnvironmentConfig,
        snapshot: Snapshot, pipeline: Pipeline, now: Date
    ) -> [Blocker] {
        var result: [Blocker] = []
        let release = snapshot.releases[version]
        let aStatus = snapshot.environments[a.name]
        if release == nil { result.append(.unknownRelease) }
        for gate in b.gates where gate != ChecklistItem.approvalID {
            if release?.isDone(gate) != true { result.append(.gate(gate)) }
        }
        if b.requiredApprovals > 0 {
            let have = approvals(of: release, for: b).count
            if have < b.requiredApprovals { result.append(.approvals(have: have, need: b.requiredApprovals)) }
        }
        if let freeze = activeFreeze(on: b.name, pipeline: pipeline, now: now) {
            result.append(.freeze(reason: freeze.reason, until: freeze.until))
        }
        if let window = windowBlocker(on: b.name, pipeline: pipeline, now: now) { result.append(window) }
        let aHealth = health(of: aStatus)
        if aHealth.isUnhealthy { result.append(.unhealthy(a.name, aHealth)) }
        if isStale(a, in: snapshot, now: now) {
            result.append(
                .stale(a.name, since: aStatus?.updatedAt, broken: snapshot.brokenEnvironments.contains(a.name)))
        }
        if let soak = a.soak {
            if let deployed = aStatus?.deployedAt {
                let ran = now.timeIntervalSince(deployed)
                if ran < soak { result.append(.soak(a.name, remaining: soak - ran)) }
            } else {
                result.append(.soak(a.name, remaining: nil))
            }
        }
        if let need = release?.schemaVersion, let have = aStatus?.schemaVersion, have < need {
            result.append(.schema(have: have, need: need))
        }
        return result
    }
}
