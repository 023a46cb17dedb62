// Where a fleet's full load goes, on one thread: reading the files, and parsing each kind (AirlockBench --breakdown).

import AirlockCore
import AirlockStore
import Foundation

/// One-thread sums over every pipeline of a fleet: reading the bytes, libyaml's events alone, the environment
/// and release stream decoders, the YAML tree of every other file, and each pipeline's RootLoader. The full load
/// spreads the same work over every core; these say which part of it to make cheaper.
enum FleetBreakdown {
    static func run(root: String, folders: [String]) {
        var kinds: [String: [[UInt8]]] = [:]
        var releaseStems: [String] = []
        var readTime: TimeInterval = 0
        for folder in folders {
            let base = root + "/" + folder
            var paths = [("pipeline", base + "/airlock.yaml")]
            for dir in ["environments", "releases", "promotions"] {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: base + "/" + dir)) ?? []
                for name in names where name.hasSuffix(".yaml") { paths.append((dir, base + "/" + dir + "/" + name)) }
            }
            for (kind, path) in paths {
                let t = Date()
                if case .success(let bytes) = StatusFileReader.read(path, limit: YAMLReader.maxFileSize) {
                    kinds[kind, default: []].append(bytes)
                    if kind == "releases" {
                        releaseStems.append(String(path.split(separator: "/").last?.dropLast(5) ?? ""))
                    }
                }
                readTime += Date().timeIntervalSince(t)
            }
        }
        print("one thread, every pipeline of the fleet:")
        print("  read every file       \(ms(readTime))")
        for (kind, files) in kinds.sorted(by: { $0.key < $1.key }) {
            let bytes = files.map(\.count).reduce(0, +)
            let events = time { for f in files { _ = YAMLReader.eventCount(f) } }
            let tree = time { for f in files { _ = try? YAMLReader.parse(f) } }
            var line =
                "  \(kind.padding(toLength: 12, withPad: " ", startingAt: 0)) \(files.count) files, "
                + "\(bytes / 1024) KiB: libyaml events \(ms(events)), YAML tree \(ms(tree))"
            if kind == "environments" {
                let stream = time { for f in files { _ = EnvironmentStream.decode(f, mtime: nil) } }
                line += ", stream decoder \(ms(stream))"
            }
            if kind == "releases" {
                let stream = time {
                    for (f, stem) in zip(files, releaseStems) { _ = ReleaseStream.decode(f, stem: stem) }
                }
                line += ", stream decoder \(ms(stream))"
            }
            print(line)
        }
        let loaders = time { for folder in folders { _ = RootLoader(root: root + "/" + folder).load() } }
        print("  every RootLoader.load  \(ms(loaders)) (one after the other)")
    }

    static func time(_ body: () -> Void) -> TimeInterval {
        let t = Date()
        body()
        return Date().timeIntervalSince(t)
    }
}
