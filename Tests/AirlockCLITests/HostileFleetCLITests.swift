// Hostile fleet roots through the binary: escape sequences in pipeline and folder names and in --pipeline, two
// pipelines with one name, a FIFO where airlock.yaml belongs, a pipeline folder linked out of the root, many
// pipelines in a refusal.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile input: fleet command line", .timeLimit(.minutes(2)))
struct HostileFleetCLITests {
    static func clean(_ r: RunResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        HostileOutputTests.expectClean(r, what, sourceLocation: sourceLocation)
    }

    @Test func escapeSequencesInNamesReachNoStream() throws {
        let fleet = shopFleet(["calm"])
        let evilName = HostileOutputTests.evilYAML
        fleet.write("evil/airlock.yaml", "pipeline: \(evilName)\nenvironments:\n  - name: qa\n")
        fleet.write(
            "evil/audit.jsonl", auditLine("2026-11-01T10:00:00Z", actor: "x", version: "1.0.0", env: "qa") + "\n")
        // A folder whose name holds ESC and BEL, its airlock.yaml unreadable (so the folder's name is its name).
        fleet.write("esc\u{1B}[2Jfolder\u{07}/airlock.yaml", "pipeline: [\n")
        fleet.write("fleet.yaml", "name: \(evilName)\ngroups:\n  \(evilName): [calm]\n")
        for args in [
            ["status"], ["status", "--json"], ["check"], ["log"], ["log", "--json"],
            ["promote", "1.0.0", "--to", "qa"],
        ] {
            let r = run(args, root: fleet.path)
            Self.clean(r, args.joined(separator: " "))
            #expect(r.code != 0 || args[0] == "log", "\(args)")
        }
        let refusal = run(["promote", "1.0.0", "--to", "qa"], root: fleet.path)
        #expect(refusal.code == 2 && refusal.err.contains("pipelines: ") && refusal.err.contains("folder"))
    }

    @Test func anEscapeSequenceInPipelineIsEchoedClean() {
        let fleet = shopFleet(["calm"])
        let before = fleet.fingerprint()
        for args in [["status"], ["promote", "2.4.1", "--to", "staging"], ["log"]] {
            let r = run(args + ["--pipeline", HostileOutputTests.evil], root: fleet.path)
            #expect(r.code == 2)
            #expect(r.err.hasPrefix("airlock: no pipeline \"[31mRED]0;pwned2J"))
            Self.clean(r, "--pipeline on \(args[0])")
        }
        let env = run(["status"], root: fleet.path, extraEnv: ["AIRLOCK_PIPELINE": HostileOutputTests.evil])
        #expect(env.code == 2)
        Self.clean(env, "AIRLOCK_PIPELINE")
        #expect(fleet.fingerprint() == before)
    }

    @Test func twoPipelinesWithOneNameCannotBeChosenByIt() {
        let fleet = shopFleet(["one", "two"])
        fleet.write("two/airlock.yaml", fleet.read("one/airlock.yaml") ?? "")
        let before = fleet.fingerprint()
        let r = run(["approve", "2.4.0", "--env", "production", "--pipeline", "one"], root: fleet.path)
        #expect(r.code == 2)
        #expect(r.err == "airlock: two pipelines are named one: one/airlock.yaml and two/airlock.yaml (rename one)\n")
        #expect(fleet.fingerprint() == before)
        let status = run(["status"], root: fleet.path)
        #expect(status.code == 1)
        #expect(
            status.out.contains("one/airlock.yaml: two pipelines are named one: one/airlock.yaml and two/airlock.yaml"))
    }

    @Test func aFIFOWhereAirlockYamlBelongsIsAProblemNotAHang() throws {
        let fleet = shopFleet(["calm"])
        try FileManager.default.createDirectory(atPath: fleet.path + "/fifo", withIntermediateDirectories: true)
        #expect(mkfifo(fleet.path + "/fifo/airlock.yaml", 0o644) == 0)
        for args in [["status"], ["check"], ["status", "--pipeline", "fifo"], ["log"]] {
            let r = run(args, root: fleet.path, limit: 20)
            #expect(!r.timedOut, "\(args)")
            #expect(args[0] == "log" ? r.code == 0 : r.code == 1, "\(args): \(r.err)")
        }
        let check = run(["check"], root: fleet.path)
        #expect(check.out.contains("fifo/airlock.yaml: not a regular file (a FIFO)"))
    }

    @Test func aPipelineLinkedOutOfTheRootIsNeverActedOn() throws {
        let outside = shopRoot()
        let outsideBefore = outside.fingerprint()
        let fleet = shopFleet(["calm"])
        try FileManager.default.createSymbolicLink(atPath: fleet.path + "/escape", withDestinationPath: outside.path)
        let r = run(["approve", "2.4.0", "--env", "production", "--pipeline", "shop"], root: fleet.path)
        #expect(r.code == 2 && r.err.contains("no pipeline \"shop\" in the fleet (pipelines: calm)"))
        let check = run(["check"], root: fleet.path)
        #expect(check.code == 1 && check.out.contains("escape: a symlink that leaves the status root"))
        #expect(outside.fingerprint() == outsideBefore)
    }

    @Test func aRefusalOnAFleetOfHundredsNamesFortyAndCountsTheRest() {
        let fleet = TempRoot()
        for i in 0..<250 {
            fleet.write(String(format: "p%03d/airlock.yaml", i), "pipeline: p\(i)\nenvironments:\n  - name: qa\n")
        }
        let r = run(["rollback", "qa"], root: fleet.path)
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("airlock: this root is a fleet of 250 pipelines: name one with --pipeline NAME"))
        #expect(r.err.hasSuffix(", and 210 more)\n"))
        let status = run(["status"], root: fleet.path)
        #expect(status.code == 0 && status.out.hasPrefix("fleet "))
    }

    @Test func aBadOrUnreadableAuditLogInOnePipelineLeavesTheOthersInTheMergedLog() throws {
        let fleet = shopFleet(["api", "web", "zed"])
        fleet.write(
            "api/audit.jsonl",
            auditLine("2026-11-01T10:00:00Z", actor: "a1", version: "2.3.0", env: "qa") + "\nnot json\n")
        fleet.write(
            "web/audit.jsonl", auditLine("2026-11-02T10:00:00Z", actor: "w2", version: "2.3.0", env: "qa") + "\n")
        #expect(mkfifo(fleet.path + "/zed/audit.jsonl", 0o644) == 0)
        let r = run(["log"], root: fleet.path, limit: 20)
        #expect(!r.timedOut)
        #expect(r.code == 1)
        #expect(r.out.split(separator: "\n").map { $0.split(separator: " ")[2] } == ["w2", "a1"])
        #expect(r.err.contains("airlock: api/audit.jsonl:2: "), "\(r.err)")
        #expect(r.err.contains("airlock: zed/audit.jsonl: "), "\(r.err)")
    }
}
