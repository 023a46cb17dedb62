// The demo fleet's live world: CD rolls out requests in every pipeline, CI builds candidates, health flaps.

import AirlockCore
import AirlockStore
import AirlockTUI
import Foundation

/// Keeps the demo fleet changing across its pipelines: CD rolls out every requested promotion or rollback a few
/// seconds after it is requested (in whichever pipeline), CI deploys a new release candidate to the first
/// environment of one pipeline after another (those whose first environment runs a candidate, `-rc.N`: the ones
/// in active development), the first environment of one of those after another turns degraded and back, and every
/// environment that is not already stale reports in. A file with a problem is left as it is.
public final class FleetDemoSimulator: DashboardSimulator, @unchecked Sendable {
    public let root: String
    private let thread = SimulatorThread()
    /// Seconds between two steps; steps between CI builds and between health flaps; seconds from a request to its
    /// rollout by CD; steps between heartbeats.
    let tickEvery: TimeInterval
    let buildEvery: Int
    let flapEvery: Int
    let cdDelay: TimeInterval
    let heartbeatEvery: Int

    public init(
        root: String, tickEvery: TimeInterval = 1, buildEvery: Int = 12, flapEvery: Int = 5, cdDelay: TimeInterval = 3,
        heartbeatEvery: Int = 20
    ) {
        self.root = root
        self.tickEvery = tickEvery
        self.buildEvery = max(1, buildEvery)
        self.flapEvery = max(1, flapEvery)
        self.cdDelay = cdDelay
        self.heartbeatEvery = max(1, heartbeatEvery)
    }

    public func start(report: @escaping @Sendable (String) -> Void) {
        thread.start(name: "airlock-demo-fleet") { [self] running in self.loop(report, while: running) }
    }

    public func stop() { thread.stop() }

    private func loop(_ report: @Sendable (String) -> Void, while running: () -> Bool) {
        let loader = FleetLoader(root: root)
        var tick = 0
        while running() {
            Thread.sleep(forTimeInterval: tickEvery)
            tick += 1
            let outcome = step(tick, fleet: loader.load(), now: Date())
            for line in outcome.reports { report(line) }
        }
    }

    /// What one step did: lines for the status line (CI and CD), and the health flaps (not reported: too chatty).
    struct Outcome: Equatable {
        var reports: [String] = []
        var flapped: [String] = []
    }

    /// One step of the world at `tick` (1, 2, ...) on `fleet` as read just before. Deterministic in the tick: the
    /// pipeline CI builds for and the one whose health flaps go round the fleet in its order.
    func step(_ tick: Int, fleet: Fleet, now: Date) -> Outcome {
        var out = Outcome()
        let members = fleet.members
        for member in members {
            let actions = PipelineActions(root: root + "/" + member.folder)
            for line in actions.completeRequests(member.snapshot, now: now, delay: cdDelay) {
                out.reports.append("demo CD: \(Sanitize.line(member.name)) \(line)")
            }
        }
        let building = members.filter { member in
            let first = member.snapshot.pipeline?.environments.first?.name
            return first.flatMap { member.snapshot.environments[$0]?.version }?.contains("-rc.") == true
        }
        if tick % flapEvery == 0, tick % buildEvery != 0, !building.isEmpty {
            let member = building[(tick / flapEvery - 1) % building.count]
            let actions = PipelineActions(root: root + "/" + member.folder)
            if let env = actions.firstEnvironment(member.snapshot),
                let warns = actions.flapCheck(member.snapshot, env: env)
            {
                out.flapped.append("\(member.name) \(env) " + (warns ? "degraded" : "healthy"))
            }
        }
        if tick % buildEvery == 0, !building.isEmpty {
            let member = building[(tick / buildEvery - 1) % building.count]
            let actions = PipelineActions(root: root + "/" + member.folder)
            if let env = actions.firstEnvironment(member.snapshot),
                let next = actions.deployBuild(member.snapshot, now: now)
            {
                out.reports.append("demo CI: \(Sanitize.line(member.name)) built \(next) and deployed it to \(env)")
            }
        }
        if tick % heartbeatEvery == 0 {
            for member in members {
                PipelineActions(root: root + "/" + member.folder).heartbeat(member.snapshot, except: nil, now: now)
            }
        }
        return out
    }
}
