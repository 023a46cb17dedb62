// `airlock report` and `airlock release` on a root shared through git: commits, heartbeats, racing clones.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

@Suite(.serialized) struct ReportGitTests {
    @Test func aReportIsCommittedAndPushedAHeartbeatIsNot() throws {
        let w = GitWorld()
        var r = run(["report", "qa", "--version", "2.5.0", "--health", "healthy"], root: w.a, user: "ci")
        #expect(r.code == 0, "\(r.err)")
        #expect(w.hubLog().first == "airlock: report 2.5.0 qa by ci")
        #expect(w.hubFile("environments/qa.yaml").contains("version: 2.5.0"))
        // A heartbeat: written locally, not committed, the remote not even asked (in a later second than the
        // report's updated_at, so its bytes differ).
        let reported = TimeFormat.formatTimestamp(Date())
        while TimeFormat.formatTimestamp(Date()) == reported { usleep(20_000) }
        w.sh("git remote set-url origin /nonexistent/hub.git", in: w.a)
        r = run(["report", "qa"], root: w.a, user: "ci")
        #expect(r.code == 0 && r.out.hasPrefix("heartbeat: qa runs 2.5.0") && r.err.isEmpty, "\(r.err)")
        #expect(w.sh("git status --porcelain", in: w.a).1 == " M environments/qa.yaml\n")
        #expect(w.sh("git log -1 --format=%s", in: w.a).1 == "airlock: report 2.5.0 qa by ci\n")
        w.sh("git remote set-url origin ../hub.git", in: w.a)
        // The next real report commits the file, the heartbeat's edit included, without complaint.
        r = run(["report", "qa", "--health", "down"], root: w.a, user: "ci")
        #expect(r.code == 0 && r.err.isEmpty, "\(r.err)")
        #expect(w.sh("git status --porcelain", in: w.a).1.isEmpty)
        #expect(w.hubLog().first == "airlock: report 2.5.0 qa by ci")
        #expect(w.hubFile("audit.jsonl").contains("\"previous_health\":\"healthy\""))
    }

    @Test func aRejectedReportIsReappliedOnTheNewState() throws {
        let w = GitWorld()
        // CI on a reports development and cuts 2.6.0 at the very moment b's monitor reports qa (b's post-commit
        // hook, once): b's push is rejected; it must catch up and re-apply its report on a's state.
        writeScript(
            """
            #!/bin/sh
            [ -f '\(w.base)/raced' ] && exit 0
            touch '\(w.base)/raced'
            AIRLOCK_USER=ci '\(airlockBinary())' report development --version 2.6.0 --root '\(w.a)' >/dev/null 2>&1
            AIRLOCK_USER=ci '\(airlockBinary())' release 2.6.0 --notes from-a --root '\(w.a)' >/dev/null 2>&1
            """, to: w.b + "/.git/hooks/post-commit")
        var r = run(["report", "qa", "--health", "down", "--check", "http=failing"], root: w.b, user: "monitor")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("pushed after 2 attempts"), "\(r.out)")
        #expect(
            w.hubLog().prefix(3) == [
                "airlock: report 2.4.1 qa by monitor", "airlock: release 2.6.0 by ci",
                "airlock: report 2.6.0 development by ci",
            ])
        #expect(w.hubFile("environments/development.yaml").contains("version: 2.6.0"))
        #expect(w.hubFile("environments/qa.yaml").contains("health: down"))
        let audit = w.hubFile("audit.jsonl").split(separator: "\n")
        #expect(audit.count == 3, "deployed, release, health: no line lost, none doubled\n\(audit)")
        // Then b cuts the same release with other notes: its metadata is set on the file a created.
        r = run(["release", "2.6.0", "--notes", "from-b", "--schema", "3"], root: w.b, user: "ci")
        #expect(r.code == 0, "\(r.err)")
        let release = w.hubFile("releases/2.6.0.yaml")
        #expect(release.contains("notes: from-b") && release.contains("schema_version: 3"), "\(release)")
    }

    @Test func offlineReportsAreReappliedNewestObservationWins() throws {
        let w = GitWorld()
        w.sh("git remote set-url origin /nonexistent/hub.git", in: w.b)
        #expect(run(["report", "qa", "--version", "2.5.0"], root: w.b, user: "cd").code == 0)
        #expect(run(["release", "2.7.0", "--notes", "b"], root: w.b, user: "ci").code == 0)
        // a reports staging meanwhile; b's environment file is qa: both land.
        #expect(run(["report", "staging", "--health", "degraded"], root: w.a, user: "mon").code == 0)
        #expect(run(["release", "2.7.0", "--schema", "9"], root: w.a, user: "ci").code == 0)
        w.sh("git remote set-url origin ../hub.git", in: w.b)
        let r = run(["sync"], root: w.b)
        #expect(r.code == 0, "\(r.err)")
        #expect(w.hubFile("environments/qa.yaml").contains("version: 2.5.0"))
        #expect(w.hubFile("environments/staging.yaml").contains("health: degraded"))
        let release = w.hubFile("releases/2.7.0.yaml")
        #expect(release.contains("notes: b") && release.contains("schema_version: 9"), "\(release)")
        let audit = w.hubFile("audit.jsonl")
        #expect(audit.components(separatedBy: "\"action\":\"release\"").count == 2, "one release line")
        #expect(audit.contains("\"action\":\"deployed\",\"version\":\"2.5.0\",\"environment\":\"qa\""))
        #expect(w.sh("git status --porcelain", in: w.b).1.isEmpty)
    }

    @Test func clonesReportingAtOnceAllLand() throws {
        let w = GitWorld()
        var procs: [Process] = []
        for (root, env, version) in [(w.a, "development", "2.6.0"), (w.b, "qa", "2.5.0"), (w.a, "staging", "2.4.1")] {
            procs.append(try launch(["report", env, "--version", version], root: root, user: "cd").0)
        }
        procs.append(try launch(["release", "2.8.0", "--notes", "x"], root: w.b, user: "ci").0)
        for p in procs {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        #expect(run(["sync"], root: w.a).code == 0)
        let log = w.hubLog()
        for subject in [
            "airlock: report 2.6.0 development by cd", "airlock: report 2.5.0 qa by cd",
            "airlock: report 2.4.1 staging by cd", "airlock: release 2.8.0 by ci",
        ] {
            #expect(log.contains(subject), "\(log)")
        }
        #expect(w.hubFile("audit.jsonl").split(separator: "\n").count == 4)
    }

    @Test func offlineReportsOnAFleetAreReappliedInTheirPipelinesFolder() {
        let w = FleetGitWorld(fleetSync: true)
        w.world.sh("git remote set-url origin /nonexistent/hub.git", in: w.b)
        #expect(run(["report", "qa", "--version", "2.5.0", "--pipeline", "web"], root: w.b, user: "cd").code == 0)
        #expect(run(["release", "2.9.0", "--pipeline", "web"], root: w.b, user: "ci").code == 0)
        #expect(run(["report", "qa", "--health", "down", "--pipeline", "api"], root: w.a, user: "mon").code == 0)
        w.world.sh("git remote set-url origin ../hub.git", in: w.b)
        let r = run(["sync", "--pipeline", "web"], root: w.b)
        #expect(r.code == 0, "\(r.err)")
        #expect(w.world.hubFile("web/environments/qa.yaml").contains("version: 2.5.0"))
        #expect(w.world.hubFile("web/releases/2.9.0.yaml").contains("created_by: ci"))
        #expect(w.world.hubFile("api/environments/qa.yaml").contains("health: down"))
        #expect(w.world.hubFile("web/audit.jsonl").contains("\"action\":\"release\""))
        #expect(w.world.sh("git status --porcelain", in: w.b).1 == "")
    }

    @Test func aHeartbeatInAPipelineFolderOfTheWorkTreeDoesNotBlockTheNextReport() {
        // The pipeline is a folder of the work tree (a fleet here, or a root at ./status): git names its files from
        // the top of the work tree, the plan from the pipeline's folder.
        let w = FleetGitWorld(fleetSync: true)
        var r = run(["report", "qa", "--version", "2.5.0", "--pipeline", "web"], root: w.a, user: "cd")
        #expect(r.code == 0, "\(r.err)")
        let reported = TimeFormat.formatTimestamp(Date())
        while TimeFormat.formatTimestamp(Date()) == reported { usleep(20_000) }
        r = run(["report", "qa", "--pipeline", "web"], root: w.a, user: "cd")
        #expect(r.code == 0 && r.out.hasPrefix("heartbeat:"), "\(r.out) \(r.err)")
        #expect(w.world.sh("git status --porcelain", in: w.a).1 == " M web/environments/qa.yaml\n")
        r = run(["report", "qa", "--version", "2.6.0", "--pipeline", "web"], root: w.a, user: "cd")
        #expect(r.code == 0 && r.err.isEmpty, "\(r.err)")
        #expect(w.world.hubFile("web/environments/qa.yaml").contains("version: 2.6.0"))
        #expect(w.world.sh("git status --porcelain", in: w.a).1 == "")
    }
}
