// `airlock status --watch` as a real process: a line per change, at most 10 a second, and a clean end.
import AirlockTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("airlock status --watch", .timeLimit(.minutes(2)))
struct StatusWatchTests {
    /// The version production has in one line of `status --watch --json`.
    static func production(_ line: Substring) -> String? {
        let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        let envs = obj?["environments"] as? [[String: Any]]
        return envs?.first { $0["name"] as? String == "production" }?["version"] as? String
    }

    @Test func aReaderThatClosesAfterThreeLinesEndsItWithExitZero() throws {
        let root = waitRoot()
        let dir = TempRoot()
        // The shell records airlock's pid and exit code; `head` closes the pipe after three lines.
        let script = """
            { '\(airlockBinary())' status --watch --json --root '\(root.path)' & echo $! > '\(dir.path)/pid'; \
            wait $!; echo $? > '\(dir.path)/rc'; } | head -n 3 > '\(dir.path)/out'
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        try p.run()
        // A change after each line seen, until head has its three.
        var written = 0
        let deadline = Date().addingTimeInterval(30)
        while p.isRunning && Date() < deadline {
            let lines = (dir.read("out") ?? "").split(separator: "\n").count
            if lines > written {
                written += 1
                cdReport(root, "production", "1.0.\(written)")
            }
            usleep(20_000)
        }
        #expect(childEnded(p, within: 20))
        let lines = (dir.read("out") ?? "").split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { Self.production($0) != nil })
        #expect(dir.read("rc")?.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let pid = Int32(dir.read("pid")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        #expect(pid > 0 && !processAlive(pid))
        #expect(leftovers(root.path).isEmpty)
    }

    @Test func aHundredChangesASecondGiveAtMostTenLinesASecondAndTheLastIsTheFinalState() throws {
        let root = waitRoot()
        let (p, out, err) = try launch(["status", "--watch", "--json"], root: root.path)
        #expect(out.wait(for: "\n", within: 20))
        let began = Date()
        var i = 0
        // 100 writes a second for two seconds, each at its own moment (not a fixed sleep: a schedule).
        while i < 200 {
            let due = began.addingTimeInterval(Double(i) * 0.01)
            let wait = due.timeIntervalSinceNow
            if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
            cdReport(root, "production", "3.0.\(i)")
            i += 1
        }
        let final = "3.0.199"
        #expect(out.wait(for: "\"version\":\"\(final)\"", within: 20))
        let elapsed = Date().timeIntervalSince(began)
        kill(p.processIdentifier, SIGINT)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0, "\(err.text)")
        out.finish(within: 5)
        let lines = out.text.split(separator: "\n")
        // The first snapshot, then at most one per tenth of a second while the writes went on.
        #expect(lines.count <= 1 + Int((elapsed * 10).rounded(.up)) + 1, "\(lines.count) lines in \(elapsed)s")
        #expect(lines.count >= 3, "\(lines.count) lines")
        #expect(lines.last.flatMap(Self.production) == final)
        print("status --watch: \(lines.count) lines for 200 changes in \(String(format: "%.2f", elapsed))s")
    }

    @Test func theTextFormSeparatesSnapshotsWithATimeLine() throws {
        let root = waitRoot()
        let (p, out, _) = try launch(["status", "--watch"], root: root.path)
        #expect(out.wait(for: "production", within: 20))
        cdReport(root, "production", "4.0.0")
        #expect(out.wait(for: "4.0.0", within: 20))
        kill(p.processIdentifier, SIGTERM)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0)
        out.finish(within: 5)
        let separators = out.text.split(separator: "\n").filter { $0.hasPrefix("--- ") && $0.hasSuffix("Z ---") }
        #expect(separators.count >= 1, "\(out.text)")
        #expect(!out.text.hasPrefix("--- "))
    }

    @Test func onAFleetEachLineIsTheFleetObject() throws {
        let fleet = TempRoot()
        let member = waitRoot()
        #expect(sh("cp -R '\(member.path)' '\(fleet.path)/shop'"))
        let (p, out, _) = try launch(["status", "--watch", "--json"], root: fleet.path)
        #expect(out.wait(for: "\n", within: 20))
        kill(p.processIdentifier, SIGINT)
        #expect(childEnded(p, within: 20))
        #expect(p.terminationStatus == 0)
        out.finish(within: 5)
        let first = out.text.split(separator: "\n").first.map(String.init) ?? ""
        let obj = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any]
        #expect(obj?["fleet"] != nil)
        #expect((obj?["pipelines"] as? [Any])?.count == 1)
    }
}
