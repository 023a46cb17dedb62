// The demo's live pipeline: CI deploys builds to development, checks flap, CD completes requested promotions.

import AirlockCore
import AirlockStore
import AirlockTUI
import Foundation

/// Keeps the demo root changing as a live pipeline would: CI deploys new builds to development,
/// checks flap, and CD completes a requested promotion a few seconds after it is requested.
public final class DemoSimulator: DashboardSimulator, @unchecked Sendable {
    public let root: String
    private let thread = SimulatorThread()
    /// Seconds between CI builds to development, and from a request to its completion by CD.
    let buildEvery: TimeInterval
    let cdDelay: TimeInterval

    public init(root: String, buildEvery: TimeInterval = 30, cdDelay: TimeInterval = 3) {
        self.root = root
        self.buildEvery = buildEvery
        self.cdDelay = cdDelay
    }

    public func start(report: @escaping @Sendable (String) -> Void) {
        thread.start(name: "airlock-demo") { [self] running in self.loop(report, while: running) }
    }

    public func stop() { thread.stop() }

    private func loop(_ report: @Sendable (String) -> Void, while running: () -> Bool) {
        let loader = RootLoader(root: root)
        let actions = PipelineActions(root: root)
        var tick = 0
        var lastBuild = Date()
        while running() {
            Thread.sleep(forTimeInterval: 1)
            tick += 1
            let snap = loader.load()
            let now = Date()
            if let text = actions.completeRequests(snap, now: now, delay: cdDelay).last { report("demo CD: " + text) }
            if tick % 7 == 0 {
                actions.flapCheck(snap, env: "development") {
                    $0 ? "reindex \(Int.random(in: 20...90))% done" : "index fresh"
                }
            }
            if tick % 20 == 0 { actions.heartbeat(snap, except: "development", now: now) }
            if now.timeIntervalSince(lastBuild) >= buildEvery {
                lastBuild = now
                if let next = actions.deployBuild(snap, now: now) {
                    report("demo CI: built \(next) and deployed it to development")
                }
            }
        }
    }
}
