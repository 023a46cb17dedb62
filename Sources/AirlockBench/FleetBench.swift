// The fleet mode of AirlockBench: full load of a fleet root, a reload after one file changes, the first frame.

import AirlockCore
import AirlockStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Figures on a fleet root (bench/generate_fleet.py makes the issue's: 200 pipelines x 6 environments x 50
/// services, 30 releases each).
enum FleetBench {
    static func run(root: String, folders: [String], iterations: Int) {
        print("fleet root: \(root) (\(folders.count) pipeline folders)")

        // The first frame, as a person starting the dashboard sees it: everything read, then every cell computed.
        let startedAt = Date()
        let firstLoader = FleetLoader(root: root)
        let fleet = firstLoader.load()
        let loadedAt = Date()
        let firstFrame = frame(fleet, now: loadedAt)
        let frameAt = Date()
        let envFiles = fleet.members.map(\.snapshot.environments.count).reduce(0, +)
        let releases = fleet.members.map(\.snapshot.releases.count).reduce(0, +)
        let services = fleet.members.flatMap(\.snapshot.environments.values).map(\.services.count).reduce(0, +)
        let problems = fleet.members.map(\.snapshot.problems.count).reduce(0, +) + fleet.problems.count
        print(
            "                       \(fleet.members.count) pipelines, \(envFiles) environments, \(services) services, "
                + "\(releases) releases, \(problems) problems; \(firstFrame.columns) columns, \(firstFrame.cells) cells"
        )
        let (loadTime, cellTime) = (loadedAt.timeIntervalSince(startedAt), frameAt.timeIntervalSince(loadedAt))
        print(
            "first frame (cold)     \(ms(frameAt.timeIntervalSince(startedAt)))          "
                + "(load \(ms(loadTime)) + cells \(ms(cellTime)))   target <= 300 ms")

        let full = measure(max(3, iterations / 4)) { _ = FleetLoader(root: root).load() }
        print("full load (FleetLoader) \(ms(full.median)) median   \(ms(full.p99)) p99")
        let cells = measure(iterations) { _ = frame(fleet, now: loadedAt) }
        print(
            "fleet facts, all cells \(ms(cells.median)) median   \(ms(cells.p99)) p99   (columns, cells, rows, totals)")

        // One environment file rewritten (as CI does, by rename) in one pipeline, then the fleet read again.
        guard let member = fleet.members.first, let env = member.snapshot.pipeline?.environments.first?.name else {
            print("the fleet has no pipeline with an environment")
            return
        }
        let rel = "environments/\(env).yaml"
        let path = root + "/" + member.folder + "/" + rel
        guard let original = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) })
        else { return }
        let reloader = FleetLoader(root: root)
        _ = reloader.load()
        let one = RootLoader(root: root + "/" + member.folder)
        _ = one.load()
        var flip = false
        var fleetReload: [TimeInterval] = []
        var memberReload: [TimeInterval] = []
        for _ in 0..<iterations {
            flip.toggle()
            let text = original.replacingOccurrences(
                of: "deployed_by: ci", with: flip ? "deployed_by: cd" : "deployed_by: ci")
            try? Files.atomicWrite(text, to: path)
            let t0 = Date()
            // FLEET RELOAD: once FleetLoader re-reads only the paths it is given (`load(changed:)`), pass
            // [member.folder + "/" + rel] here, as the dashboard's watcher does.
            let reread = reloader.load()
            let t1 = Date()
            _ = frame(reread, now: t1)
            fleetReload.append(Date().timeIntervalSince(t0))
            let t2 = Date()
            _ = one.load(changed: [rel])
            memberReload.append(Date().timeIntervalSince(t2))
        }
        try? Files.atomicWrite(original, to: path)
        print(
            "reload after 1 change  \(ms(median(fleetReload))) median   \(ms(p99(fleetReload))) p99   "
                + "(FleetLoader.load() + all cells: every file's stamp, the changed file parsed)")
        print(
            "  that file alone      \(ms(median(memberReload))) median   \(ms(p99(memberReload))) p99   "
                + "(its pipeline's RootLoader.load(changed:): the floor of a per-file fleet reload)")
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        print("peak memory            \(String(format: "%8.1f", Double(usage.ru_maxrss) / 1024)) MB (max RSS)")
    }

    /// What the first frame of the fleet screen computes: the columns, every cell, every row's end, the totals.
    /// FLEET SCREEN FRAME: once the fleet screen's widget exists, render it here (at 120x40) instead, so this
    /// measures the real first full frame.
    static func frame(_ fleet: Fleet, now: Date) -> (columns: Int, cells: Int) {
        let columns = Facts.fleetColumns(fleet.members)
        var cells = 0
        for member in fleet.members {
            for column in columns where Facts.fleetCell(member, environment: column, now: now) != nil { cells += 1 }
            _ = Facts.fleetRow(member, now: now)
        }
        _ = Facts.fleetTotals(fleet, now: now)
        return (columns.count, cells)
    }
}
