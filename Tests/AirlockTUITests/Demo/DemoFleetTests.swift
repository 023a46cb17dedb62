// The bundled demo fleet: what it promises as loaded, and that its simulator changes it as promised.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockDemo
@testable import AirlockStore

/// The demo fleet (examples/demo-fleet, built in) read through FleetLoader, and FleetDemoSimulator's writes.
@Suite struct DemoFleetTests {
    /// `(pipeline, environment)` of every cell for which `match` holds.
    func cells(_ fleet: Fleet, now: Date, _ match: (FleetCell) -> Bool) -> [String] {
        fleet.members.flatMap { member in
            (member.snapshot.pipeline?.environments ?? []).compactMap { env in
                Facts.fleetCell(member, environment: env.name, now: now).flatMap {
                    match($0) ? member.name + " " + env.name : nil
                }
            }
        }
    }

    func member(_ fleet: Fleet, _ name: String) throws -> FleetMember {
        try #require(fleet.member(named: name), "no pipeline \(name)")
    }

    @Test func theDemoFleetHasSixPipelinesOfDifferentShapesWithAProblemADownAndAReadyPromotion() throws {
        let root = try DemoRoot.createFleet()
        defer { try? FileManager.default.removeItem(atPath: root) }
        guard case .fleet(let folders) = RootKind.of(root) else {
            Issue.record("the demo fleet is not a fleet root")
            return
        }
        #expect(folders.count >= 6)
        let fleet = FleetLoader(root: root).load()
        let now = Date()
        #expect(fleet.members.count >= 6)
        #expect(fleet.problems.isEmpty)
        let shapes = fleet.members.map { $0.snapshot.pipeline?.environments.map(\.name) ?? [] }
        #expect(Set(shapes).count == shapes.count, "every pipeline has its own shape")
        #expect(shapes.contains { $0.count != 4 })
        #expect(shapes.contains(["development", "production"]))
        #expect(shapes.contains { $0.contains("canary") } && shapes.contains { $0.contains("perf") })
        #expect(shapes.contains { s in s.firstIndex(of: "qa").map { qa in s[qa...].contains("staging") } == true })
        #expect(Facts.fleetColumns(fleet.members) == ["development", "qa", "staging", "perf", "canary", "production"])

        let withProblems = fleet.members.filter { Facts.fleetRow($0, now: now).problems > 0 }.map(\.name)
        #expect(withProblems == ["notifications"])
        #expect(
            try member(fleet, "notifications").fleetProblems.map(\.path).allSatisfy {
                $0 == "notifications/environments/qa.yaml"
            })
        #expect(cells(fleet, now: now) { $0.health == .down } == ["inventory staging"])
        #expect(cells(fleet, now: now) { $0.incoming == .ready } == ["inventory staging", "search production"])
        #expect(cells(fleet, now: now) { $0.stale } == ["auth staging"])
        let totals = Facts.fleetTotals(fleet, now: now)
        #expect(totals.pipelines == 6 && totals.down == 1 && totals.ready == 2 && totals.blocked > 0)
    }

    @Test func ciBuildsTheNextCandidateIntoOnePipelineAtATime() throws {
        let root = try DemoRoot.createFleet()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sim = FleetDemoSimulator(root: root, buildEvery: 1, flapEvery: 1000, heartbeatEvery: 1000)
        let loader = FleetLoader(root: root)
        let before = loader.load()
        let now = Date()
        // Pipelines whose first environment runs a candidate, in fleet order: inventory first.
        let first = sim.step(1, fleet: before, now: now)
        #expect(first.reports == ["demo CI: inventory built 2.0.0-rc.2 and deployed it to development"])
        let second = sim.step(2, fleet: loader.load(), now: now)
        #expect(second.reports == ["demo CI: notifications built 0.9.0-rc.4 and deployed it to development"])
        let after = loader.load()
        #expect(
            Facts.fleetCell(try member(after, "inventory"), environment: "development", now: now)?.version
                == "2.0.0-rc.2")
        #expect(try member(after, "inventory").snapshot.releases["2.0.0-rc.2"] != nil)
        // A new candidate has nothing ticked: it waits, blocked, to enter qa.
        #expect(Facts.fleetCell(try member(after, "inventory"), environment: "qa", now: now)?.incoming == .blocked)
        // The pipelines without a candidate (the ready promotion of search among them) are untouched.
        #expect(try member(after, "search").snapshot.environments == member(before, "search").snapshot.environments)
    }

    @Test func healthFlapsInOnePipelineAfterAnother() throws {
        let root = try DemoRoot.createFleet()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sim = FleetDemoSimulator(root: root, buildEvery: 1000, flapEvery: 1, heartbeatEvery: 1000)
        let loader = FleetLoader(root: root)
        let now = Date()
        #expect(sim.step(1, fleet: loader.load(), now: now).flapped == ["inventory development degraded"])
        let degraded = loader.load()
        #expect(
            Facts.fleetCell(try member(degraded, "inventory"), environment: "development", now: now)?.health
                == .degraded)
        #expect(sim.step(2, fleet: degraded, now: now).flapped == ["notifications development degraded"])
        // Round the fleet and back: inventory turns healthy again.
        var fleet = loader.load()
        var tick = 3
        var last: [String] = []
        while !last.contains(where: { $0.hasPrefix("inventory ") }) && tick < 20 {
            last = sim.step(tick, fleet: fleet, now: now).flapped
            fleet = loader.load()
            tick += 1
        }
        #expect(last == ["inventory development healthy"])
        #expect(
            Facts.fleetCell(try member(fleet, "inventory"), environment: "development", now: now)?.health == .healthy)
    }

    @Test func theHeartbeatLeavesTheBrokenFileAndTheSilentEnvironmentAlone() throws {
        let root = try DemoRoot.createFleet()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sim = FleetDemoSimulator(root: root, buildEvery: 1000, flapEvery: 1000, heartbeatEvery: 1)
        let broken = root + "/notifications/environments/qa.yaml"
        let silent = root + "/auth/environments/staging.yaml"
        let bytes = { (path: String) in FileManager.default.contents(atPath: path) }
        let (brokenBefore, silentBefore) = (bytes(broken), bytes(silent))
        let fresh = root + "/search/environments/production.yaml"
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -120)], ofItemAtPath: fresh)
        let loader = FleetLoader(root: root)
        _ = sim.step(1, fleet: loader.load(), now: Date())
        #expect(bytes(broken) == brokenBefore && bytes(silent) == silentBefore)
        let after = loader.load()
        #expect(try member(after, "notifications").snapshot.problems.count == 2)
        #expect(cells(after, now: Date()) { $0.stale } == ["auth staging"])
        let stamp = try FileManager.default.attributesOfItem(atPath: fresh)[.modificationDate] as? Date
        #expect((stamp ?? .distantPast).timeIntervalSinceNow > -60, "a healthy environment reported in again")
    }

    /// A heartbeat writes no `updated_at` (the file's time is the heartbeat): one written would freeze it, and the
    /// environment would go stale five minutes later however often it reported in.
    @Test func theSingleDemosHeartbeatLeavesTheFilesTimeAsTheHeartbeat() throws {
        let root = try DemoRoot.create()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let qa = root + "/environments/qa.yaml"
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: qa)
        let snap = RootLoader(root: root).load()
        PipelineActions(root: root).heartbeat(snap, except: "development", now: Date())
        let text = try String(contentsOfFile: qa, encoding: .utf8)
        #expect(!text.contains("updated_at"))
        #expect(text.contains("version: 2.4.1"))
        let stamp = try FileManager.default.attributesOfItem(atPath: qa)[.modificationDate] as? Date
        #expect((stamp ?? .distantPast).timeIntervalSinceNow > -30)
    }

    @Test(.timeLimit(.minutes(1)))
    func cdRollsOutARequestWhileRunningAndSaysSo() async throws {
        let root = try DemoRoot.createFleet()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let request =
            "version: 3.2.0\nfrom: development\nkind: promotion\nrequested_by: alice\nrequested_at: "
            + TimeFormat.formatTimestamp(Date()) + "\n"
        try Files.atomicWrite(request, to: root + "/search/promotions/production.yaml")
        let loader = FleetLoader(root: root)
        let requested = loader.load()
        #expect(
            Facts.fleetCell(try member(requested, "search"), environment: "production", now: Date())?.incoming
                == .inProgress)
        let (lines, sink) = AsyncStream.makeStream(of: String.self)
        let sim = FleetDemoSimulator(root: root, tickEvery: 0.01, buildEvery: 1_000_000, cdDelay: 0)
        sim.start { sink.yield($0) }
        defer { sim.stop() }
        var said: String?
        for await line in lines where line.hasPrefix("demo CD: ") {
            said = line
            break
        }
        #expect(said == "demo CD: search production now runs 3.2.0")
        let done = loader.load()
        let cell = Facts.fleetCell(try member(done, "search"), environment: "production", now: Date())
        #expect(cell?.version == "3.2.0" && cell?.incoming == nil && cell?.health == .healthy)
    }
}
