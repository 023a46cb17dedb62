// Hostile fleet roots: folders that leave the root, FIFOs where files belong, odd folder names, many pipelines.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile input: fleet root") struct HostileFleetTests {
    /// Loads within `limit` seconds (a FIFO opened for reading would block forever).
    func loadQuickly(_ root: String, limit: TimeInterval = 10) -> Fleet {
        let start = Date()
        let fleet = FleetLoader(root: root).load()
        #expect(Date().timeIntervalSince(start) < limit)
        return fleet
    }

    @Test func aPipelineFolderThatIsASymlinkOutOfTheRootIsAProblemAndNotRead() throws {
        let outside = TempRoot(["airlock.yaml": pipelineYAML("secret")])
        let root = fleetRoot([("a", "a")])
        try FileManager.default.createSymbolicLink(atPath: root.path + "/escape", withDestinationPath: outside.path)
        let fleet = loadQuickly(root.path)
        #expect(fleet.members.map(\.name) == ["a"])
        #expect(fleet.problems.contains { $0.path == "escape" && $0.message.contains("leaves the status root") })
        #expect(FleetLoader.entries(root: root.path).map(\.name) == ["a"])
    }

    @Test func aSymlinkToAFolderInsideTheRootIsRead() throws {
        let root = fleetRoot([("a", "a")])
        try FileManager.default.createSymbolicLink(atPath: root.path + "/alias", withDestinationPath: root.path + "/a")
        let fleet = loadQuickly(root.path)
        #expect(fleet.members.map(\.folder) == ["a", "alias"])
        #expect(fleet.problems.contains { $0.message.contains("two pipelines are named a") })
    }

    @Test func aFIFONamedAirlockYamlIsAProblemNotAHang() throws {
        let root = fleetRoot([("a", "a")])
        try FileManager.default.createDirectory(atPath: root.path + "/fifo", withIntermediateDirectories: true)
        #expect(mkfifo(root.path + "/fifo/airlock.yaml", 0o644) == 0)
        #expect(mkfifo(root.path + "/fleet.yaml", 0o644) == 0)
        let fleet = loadQuickly(root.path)
        #expect(fleet.members.map(\.folder) == ["a", "fifo"])
        let fifo = try #require(fleet.members.first { $0.folder == "fifo" })
        #expect(fifo.name == "fifo")
        #expect(fifo.fleetProblems.contains { $0.path == "fifo/airlock.yaml" && $0.message.contains("FIFO") })
        #expect(fleet.problems.contains { $0.path == "fleet.yaml" && $0.message.contains("FIFO") })
        #expect(FleetLoader.entries(root: root.path).map(\.name) == ["a", "fifo"])
    }

    @Test func fleetYamlAsAFolderOrALinkOutIsAProblem() throws {
        let outside = TempRoot(["fleet.yaml": "name: stolen\n"])
        let root = fleetRoot([("a", "a")])
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/fleet.yaml", withDestinationPath: outside.path + "/fleet.yaml")
        let fleet = loadQuickly(root.path)
        #expect(fleet.name != "stolen")
        #expect(fleet.problems.contains { $0.path == "fleet.yaml" && $0.message.contains("leaves the status root") })
        try FileManager.default.removeItem(atPath: root.path + "/fleet.yaml")
        try FileManager.default.createDirectory(atPath: root.path + "/fleet.yaml", withIntermediateDirectories: true)
        #expect(loadQuickly(root.path).problems.contains { $0.path == "fleet.yaml" && $0.message.contains("folder") })
    }

    @Test func oddFolderNamesAreKeptAsTheyAre() throws {
        let names = ["tab\there", "esc\u{1B}[31mred", "e\u{301}cole", "日本語", "rtl\u{202E}txt", "sp ace"]
        let root = fleetRoot(names.map { ($0, "n-" + String($0.unicodeScalars.count)) })
        let fleet = loadQuickly(root.path)
        #expect(Set(fleet.members.map(\.folder)) == Set(names))
        #expect(fleet.members.allSatisfy { $0.snapshot.pipeline != nil })
    }

    @Test func hundredsOfPipelinesLoadAndReloadOne() {
        let root = fleetRoot((0..<300).map { (String(format: "svc-%03d", $0), String(format: "svc-%03d", $0)) })
        let loader = FleetLoader(root: root.path)
        let start = Date()
        let fleet = loader.load()
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(fleet.members.count == 300)
        #expect(fleet.problems == [])
        _ = loader.load(changed: ["svc-150/environments/qa.yaml"])
        #expect(loader.lastParsedCount <= 1)
    }

    @Test func aFleetYamlTooLargeIsAProblem() {
        let big = "name: x\n" + String(repeating: "# padding\n", count: 200_000)
        let root = fleetRoot([("a", "a")], extra: ["fleet.yaml": big])
        let fleet = loadQuickly(root.path)
        #expect(fleet.problems.contains { $0.path == "fleet.yaml" && $0.message.contains("limit") })
        #expect(fleet.members.count == 1)
    }

    /// Mangled fleet.yaml files (bytes flipped, cut, repeated): problems with a line inside the file, never a crash.
    @Test func mangledFleetYamlIsProblemsWithLinesInsideTheFile() {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000) | 1
        print("HostileFleetTests seed \(seed)")
        var random = SeededRandom(state: seed)
        let valid = Array(
            "name: Pay\norder: [a, b]\ngroups:\n  g: [a]\n  h:\n    - b\nsync:\n  git: {remote: o, interval: 5m}\n".utf8
        )
        for round in 0..<500 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                guard !bytes.isEmpty else { break }
                let i = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[i] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.removeSubrange(i...)
                case 2: bytes.insert(contentsOf: bytes[..<i], at: i)
                default: bytes.insert(contentsOf: Array("[{&a *a: -\t\r\n".utf8).shuffled(using: &random), at: i)
                }
            }
            let file = FleetFile.decode(bytes)
            let lines = bytes.count + 2
            for p in file.problems + file.unknownNames([]) {
                #expect(p.path == "fleet.yaml" && !p.message.isEmpty, "seed \(seed) round \(round)")
                #expect((p.line ?? 1) >= 1 && (p.line ?? 1) <= lines, "seed \(seed) round \(round): \(p)")
            }
        }
    }
}
