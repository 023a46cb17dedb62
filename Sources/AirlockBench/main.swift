import AirlockCore
import AirlockStore
import AirlockTUI
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// Prints the model layer's figures on a status root: full load, single-file reload, rules, frame render, memory.
// usage: airlock-bench ROOT [--iterations N]   (on a fleet root: the fleet's figures, FleetBench.swift;
//        with --breakdown, where its full load goes, FleetBreakdown.swift)

func ms(_ t: TimeInterval) -> String { String(format: "%8.2f ms", t * 1000) }

func measure(_ n: Int, _ body: () -> Void) -> (median: TimeInterval, p99: TimeInterval) {
    var times: [TimeInterval] = []
    for _ in 0..<n {
        let t = Date()
        body()
        times.append(Date().timeIntervalSince(t))
    }
    times.sort()
    return (times[times.count / 2], times[min(times.count - 1, Int(Double(times.count) * 0.99))])
}

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: airlock-bench ROOT [--iterations N]\n".utf8))
    exit(2)
}
let root = args[1]
let iterations = args.firstIndex(of: "--iterations").flatMap { args.count > $0 + 1 ? Int(args[$0 + 1]) : nil } ?? 20
if case .fleet(let folders) = RootKind.of(root) {
    if args.contains("--breakdown") {
        FleetBreakdown.run(root: root, folders: folders)
        exit(0)
    }
    FleetBench.run(root: root, folders: folders, iterations: iterations)
    exit(0)
}

var fileCount = 0
var bytes = 0
for dir in ["", "environments", "releases", "promotions"] {
    let path = dir.isEmpty ? root : root + "/" + dir
    for f in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where f.hasSuffix(".yaml") {
        fileCount += 1
        bytes += (try? FileManager.default.attributesOfItem(atPath: path + "/" + f)[.size] as? Int) ?? 0
    }
}
print("root: \(root) (\(fileCount) YAML files, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB)")

var snapshot = Snapshot()
let reloadOnly = args.contains("--reload-only")  // for profiling the reload path alone
let full = measure(reloadOnly ? 1 : max(3, iterations / 4)) { snapshot = RootLoader(root: root).load() }
print("full load              \(ms(full.median)) median   \(ms(full.p99)) p99")
guard let pipeline = snapshot.pipeline, let env = pipeline.environments.dropFirst().first?.name else {
    print("the root has no pipeline: \(snapshot.problems.first?.description ?? "?")")
    exit(1)
}
let services = snapshot.environments.values.map(\.services.count).reduce(0, +)
print(
    "                       \(pipeline.environments.count) environments, \(services) services, "
        + "\(snapshot.releases.count) releases, \(snapshot.problems.count) problems"
)

// Single-file reload: one environment file rewritten (as CI does, by rename), then an incremental load.
let loader = RootLoader(root: root)
_ = loader.load()
let envPath = root + "/environments/\(env).yaml"
guard let original = FileManager.default.contents(atPath: envPath).map({ String(decoding: $0, as: UTF8.self) }) else {
    exit(1)
}
var flip = false
var reloadTimes: [TimeInterval] = []
var renderTimes: [TimeInterval] = []
var combined: [TimeInterval] = []
let now = Date()
var state = AppState(snapshot: snapshot, now: now, actor: "bench", width: 120, height: 40)
for _ in 0..<iterations {
    flip.toggle()
    let text = original.replacingOccurrences(of: "deployed_by: ci", with: flip ? "deployed_by: cd" : "deployed_by: ci")
    try? Files.atomicWrite(text, to: envPath)
    let t0 = Date()
    let snap = loader.load(changed: ["environments/\(env).yaml"])
    let t1 = Date()
    _ = Update.update(&state, .loaded(snap, at: t1))
    let grid = Views.render(state)
    let t2 = Date()
    precondition(grid.width == 120)
    reloadTimes.append(t1.timeIntervalSince(t0))
    renderTimes.append(t2.timeIntervalSince(t1))
    combined.append(t2.timeIntervalSince(t0))
}
try? Files.atomicWrite(original, to: envPath)
func median(_ v: [TimeInterval]) -> TimeInterval { v.sorted()[v.count / 2] }
func p99(_ v: [TimeInterval]) -> TimeInterval {
    let s = v.sorted()
    return s[min(s.count - 1, Int(Double(s.count) * 0.99))]
}
print(
    "single-file reload     \(ms(median(reloadTimes))) median   \(ms(p99(reloadTimes))) p99   "
        + "(files parsed: \(loader.lastParsedCount); the file named by its event)"
)
print("update + render 120x40 \(ms(median(renderTimes))) median   \(ms(p99(renderTimes))) p99")
print("reload + render        \(ms(median(combined))) median   \(ms(p99(combined))) p99   (target <= 10 ms)")

let rules = measure(iterations) { _ = Rules.pending(snapshot: snapshot, now: now) }
print("rules (pending)        \(ms(rules.median)) median   \(ms(rules.p99)) p99")
let render = measure(iterations) { _ = Views.render(state) }
print("frame render 120x40    \(ms(render.median)) median   \(ms(render.p99)) p99")
var noChange: [TimeInterval] = []
for _ in 0..<iterations {
    let t = Date()
    _ = loader.load()
    noChange.append(Date().timeIntervalSince(t))
}
print(
    "full rescan, no change \(ms(median(noChange))) median   \(ms(p99(noChange))) p99   "
        + "(polling mode: every file's stamp)"
)

var usage = rusage()
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
print("peak memory            \(String(format: "%8.1f", Double(usage.ru_maxrss) / 1024)) MB (max RSS)")

// Where a single-file reload goes: reading and parsing that one file alone.
let envBytes = [UInt8](FileManager.default.contents(atPath: envPath) ?? Data())
let yamlOnly = measure(iterations) { _ = try? YAMLReader.parse(envBytes) }
print("parse one env file     \(ms(yamlOnly.median)) median   (\(envBytes.count / 1024) KiB, YAML to nodes only)")
let floor = measure(iterations) { _ = YAMLReader.eventCount(envBytes) }
print("libyaml events alone   \(ms(floor.median)) median   (the floor for that file)")
let streamed = measure(iterations) { _ = EnvironmentStream.decode(envBytes, mtime: nil) }
print("stream-decode env file \(ms(streamed.median)) median   (what a reload of that file costs in parsing)")
