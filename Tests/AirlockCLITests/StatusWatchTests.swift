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
        // The test is the reader: it reads three lines from the pipe (CD reporting after each one), then closes it.
        var env = ProcessInfo.processInfo.environment
        env["AIRLOCK_ROOT"] = nil
        let p = Process()
        p.executableURL = URL(fileURLWithPath: airlockBinary())
        p.arguments = ["status", "--watch", "--json", "--root", root.path]
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let reader = pipe.fileHandleForReading
        var text = ""
        var lines: [Substring] = []
        while lines.count < 3 {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            let complete = text.split(separator: "\n", omittingEmptySubsequences: true).count
            let seen = text.hasSuffix("\n") ? complete : complete - 1
            while lines.count < min(seen, 3) {
                lines = Array(text.split(separator: "\n").prefix(seen))
                // No change after the third: the end of the reader alone must end the stream.
                if lines.count < 3 { cdReport(root, "production", "1.0.\(lines.count)") }
            }
        }
        try reader.close()
        #expect(childEnded(p, within: 20), "it went on after its reader went away")
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 0)
        #expect(lines.count == 3)
        #expect(lines.prefix(3).allSatisfy { Self.production($0) != nil })
        #expect(!processAlive(p.processIdentifier))
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
