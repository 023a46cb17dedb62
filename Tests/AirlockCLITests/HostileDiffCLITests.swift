// `airlock diff` on hostile roots: escape sequences and huge values in facts and notes, bad facts, 500 releases.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite("Hostile input: diff")
struct HostileDiffCLITests {
    @Test func escapeSequencesInFactsAndNotesNeverReachTheTerminal() throws {
        let root = factsRoot()
        let yaml = try #require(root.read("airlock.yaml"))
        root.write(
            "airlock.yaml",
            yaml.replacingOccurrences(of: "data: real users", with: #"data: "\e]0;pwned\a\e[2Jreal\u202Eusers""#))
        root.write(
            "releases/2.4.0.yaml", "version: 2.4.0\nnotes: \"\\e[31mred\\r\\nnext\\x9b1m\"\ncreated_by: \"\\e[5m\"\n")
        for args in [["diff", "qa", "production"], ["diff", "qa", "production", "--json"]] {
            let r = run(args, root: root.path, limit: 20)
            #expect(r.code == 0, "\(r.err)")
            #expect(isPrintable(r.out) && isPrintable(r.err))
            #expect(!r.out.contains("\u{202E}"))
        }
        let j = try object(run(["diff", "qa", "production", "--json"], root: root.path))
        let rows = try #require(j["rows"] as? [[String: Any]])
        // JSON keeps the value, its control characters escaped (the bidirectional override is never written).
        #expect(rows.contains { $0["into"] as? String == "\u{1B}]0;pwned\u{07}\u{1B}[2Jrealusers" })
    }

    @Test func hugeValuesAreCutInTextAndWholeInJSON() throws {
        let root = factsRoot()
        let huge = String(repeating: "n", count: 200_000)
        root.write("releases/2.4.0.yaml", "version: 2.4.0\nnotes: \(huge)\n")
        let yaml = try #require(root.read("airlock.yaml"))
        root.write("airlock.yaml", yaml.replacingOccurrences(of: "owner: team-ops", with: "owner: \(huge)"))
        let text = run(["diff", "qa", "production"], root: root.path, limit: 20)
        #expect(text.code == 0, "\(text.err)")
        #expect(text.out.split(separator: "\n").allSatisfy { $0.count <= 2000 })
        let j = try object(run(["diff", "qa", "production", "--json"], root: root.path, limit: 20))
        let ships = try #require(j["ships"] as? [String: Any])
        let first = (ships["releases"] as? [[String: Any]])?.first
        #expect((first?["notes"] as? String)?.count == 200_000)
    }

    @Test func aFactThatIsAListOrAMapIsAProblemWithItsLine() throws {
        let root = factsRoot()
        let yaml = try #require(root.read("airlock.yaml"))
        root.write(
            "airlock.yaml",
            yaml.replacingOccurrences(
                of: "facts: {data: real users, owner: team-ops}",
                with: "facts:\n      data: [real, users]\n      owner: {team: ops}"))
        let check = run(["check"], root: root.path)
        #expect(check.code == 1)
        #expect(check.out.contains("airlock.yaml:14: production.facts.data: expected one value (text), found a list"))
        #expect(check.out.contains("airlock.yaml:15: production.facts.owner: expected one value (text), found a map"))
        let r = run(["diff", "staging", "production"], root: root.path)
        #expect(r.code == 0)
        #expect(r.err.contains("the root has 2 problem(s)"))
    }

    @Test func aFullDiskFailsTheCommandWithOneLine() {
        let root = factsRoot()
        for args in [["diff", "qa", "production"], ["diff", "qa", "production", "--json"]] {
            let r = run(args, root: root.path, limit: 20, stdout: "/dev/full")
            #expect(r.code == 1)
            #expect(r.err == "airlock: cannot write to standard output: No space left on device\n")
        }
    }

    @Test func fiveHundredReleasesBetweenInOrder() throws {
        let root = factsRoot()
        for minor in 0...500 { root.write("releases/3.\(minor).0.yaml", "version: 3.\(minor).0\nnotes: r\(minor)\n") }
        root.write("environments/staging.yaml", "version: 3.500.0\nupdated_at: \(recent)\n")
        root.write("environments/production.yaml", "version: 3.0.0\nupdated_at: \(recent)\n")
        let r = run(["diff", "staging", "production", "--json"], root: root.path, limit: 30)
        #expect(r.code == 0, "\(r.err)")
        let ships = try #require(try object(r)["ships"] as? [String: Any])
        let versions = (ships["releases"] as? [[String: Any]])?.compactMap { $0["version"] as? String }
        #expect(versions == (1...500).map { "3.\($0).0" })
        let text = run(["diff", "staging", "production"], root: root.path, limit: 30)
        #expect(text.out.contains("What ships: 500 releases ship from staging (3.500.0) into production (3.0.0)"))
    }
}
