// A fleet in one git work tree: a bare hub and two clones of a fleet of two pipelines; a write on one pipeline is
// one commit pushed once, and pipelines sharing the work tree share its sync.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// A bare hub and two clones (`a`, `b`) of a fleet of `api` and `web` (copies of the shop pipeline). With
/// `fleetSync` the sync is set once in fleet.yaml, else in each airlock.yaml.
final class FleetGitWorld {
    let world = GitWorld(seeded: false)
    var a: String { world.a }
    var b: String { world.b }

    init(fleetSync: Bool) {
        let seed = shopFleet(["api", "web"])
        let sync = "sync:\n  git: {remote: origin, branch: main, interval: 30s}\n"
        world.sh("git clone -q hub.git a 2>/dev/null && cp -r '\(seed.path)/.' a/")
        for name in ["api", "web"] where !fleetSync {
            let text = (try? String(contentsOfFile: a + "/\(name)/airlock.yaml", encoding: .utf8)) ?? ""
            try? (text + "\n" + sync).write(toFile: a + "/\(name)/airlock.yaml", atomically: true, encoding: .utf8)
        }
        if fleetSync {
            try? ("name: Shop\n" + sync).write(toFile: a + "/fleet.yaml", atomically: true, encoding: .utf8)
        }
        world.sh(
            "git add -A && git -c user.name=seed -c user.email=seed@example.invalid commit -qm seed"
                + " && git push -q origin main && cd .. && git clone -q hub.git b",
            in: a)
    }
}

@Suite(.serialized) struct FleetGitTests {
    @Test(arguments: [false, true]) func aWriteOnOnePipelineIsOneCommitPushedOnce(_ fleetSync: Bool) {
        let w = FleetGitWorld(fleetSync: fleetSync)
        let r = run(["approve", "2.4.0", "--env", "production", "--pipeline", "api"], root: w.a, user: "alice")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err == "", "\(r.err)")
        #expect(w.world.hubLog() == ["airlock: approve 2.4.0 production by alice", "seed"])
        #expect(w.world.hubFile("api/releases/2.4.0.yaml").contains("by: alice"))
        // The other clone's write on the other pipeline catches up first, then pushes its own commit.
        let other = run(["approve", "2.4.0", "--env", "production", "--pipeline", "web"], root: w.b, user: "bob")
        #expect(other.code == 0, "\(other.err)")
        #expect(
            w.world.hubLog().prefix(2) == [
                "airlock: approve 2.4.0 production by bob", "airlock: approve 2.4.0 production by alice",
            ])
        #expect(w.world.sh("git status --porcelain", in: w.b).1 == "")
        #expect(
            (try? String(contentsOfFile: w.b + "/api/releases/2.4.0.yaml", encoding: .utf8))?.contains("alice") == true)
        let sync = run(["sync", "--pipeline", "web"], root: w.a)
        #expect(sync.code == 0, "\(sync.err)")
        #expect(
            (try? String(contentsOfFile: w.a + "/web/releases/2.4.0.yaml", encoding: .utf8))?.contains("bob") == true)
    }

    @Test func anotherPipelinesUnpushedCommitSurvivesACatchUp() {
        let w = FleetGitWorld(fleetSync: false)
        w.world.sh("git remote set-url origin /nonexistent/hub.git", in: w.a)
        var r = run(["approve", "2.4.0", "--env", "production", "--pipeline", "api"], root: w.a, user: "alice")
        #expect(r.code == 0 && r.err.contains("not pushed"), "\(r.err)")
        w.world.sh("git remote set-url origin ../hub.git", in: w.a)
        // Meanwhile the other clone pushes, so the next write on `web` must catch up before pushing.
        #expect(
            run(["approve", "2.4.0", "--env", "production", "--pipeline", "web"], root: w.b, user: "bob").code == 0)
        r = run(["approve", "2.4.0", "--env", "production", "--pipeline", "web"], root: w.a, user: "carol")
        #expect(r.code == 0, "\(r.err)")
        let log = w.world.hubLog()
        #expect(log.contains("airlock: approve 2.4.0 production by alice"), "\(log)")
        #expect(log.contains("airlock: approve 2.4.0 production by carol"), "\(log)")
        #expect(w.world.hubFile("api/releases/2.4.0.yaml").contains("by: alice"))
    }

    @Test func writersOnEveryPipelineOfOneCloneAtOnceAllLand() throws {
        let w = FleetGitWorld(fleetSync: true)
        var procs: [(Process, PipeText)] = []
        for (pipeline, users) in [("api", ["alice", "bob"]), ("web", ["carol", "bob"])] {
            for u in users {
                let (p, _, err) = try launch(
                    ["approve", "2.4.0", "--env", "production", "--pipeline", pipeline], root: w.a, user: u)
                procs.append((p, err))
            }
        }
        for (p, err) in procs {
            p.waitUntilExit()
            err.finish(within: 30)
            #expect(p.terminationStatus == 0, "\(err.text)")
        }
        let log = w.world.hubLog()
        #expect(log.count == 5, "\(log)")
        for u in ["alice", "bob", "carol"] {
            #expect(log.contains("airlock: approve 2.4.0 production by \(u)"), "\(log)")
        }
        #expect(w.world.hubFile("api/releases/2.4.0.yaml").contains("by: alice"))
        #expect(w.world.hubFile("web/releases/2.4.0.yaml").contains("by: carol"))
        #expect(w.world.sh("git status --porcelain", in: w.a).1 == "")
    }

    @Test func oneSyncRootPerWorkTree() {
        let w = FleetGitWorld(fleetSync: true)
        let fleet = FleetLoader(root: w.a).load()
        #expect(FleetLoader.syncRoots(root: w.a, fleet: fleet) == [w.a + "/api"])
        let plain = shopFleet(["x", "y"])
        #expect(FleetLoader.syncRoots(root: plain.path, fleet: FleetLoader(root: plain.path).load()) == [])
    }

    @Test func syncOnTheFleetSyncsTheWorkTreeOnce() {
        let w = FleetGitWorld(fleetSync: true)
        #expect(
            run(["approve", "2.4.0", "--env", "production", "--pipeline", "web"], root: w.b, user: "bob").code == 0)
        let r = run(["sync"], root: w.a)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == "api: synced with origin/main\n")
        #expect(
            (try? String(contentsOfFile: w.a + "/web/releases/2.4.0.yaml", encoding: .utf8))?.contains("bob") == true)
    }
}
