// Reads a fleet root: fleet.yaml, every pipeline folder through its own RootLoader, then the fleet's own problems;
// a reload re-reads only the pipeline a changed path is in.
import AirlockCore
import Foundation

/// Loads a fleet root. Keeps one RootLoader per pipeline folder, so a reload re-reads only what changed.
public final class FleetLoader {
    public let root: String
    private var loaders: [String: RootLoader] = [:]
    private var snapshots: [String: Snapshot] = [:]
    /// Pipeline folders found by the last detection, and the problems of folders that cannot be one.
    private var folders: [String] = []
    private var folderProblems: [Problem] = []
    private var file = FleetFile()
    private var loadedOnce = false
    /// Validate every line of every pipeline's audit log (for `check`), as RootLoader's setting of that name.
    public var checksWholeAuditLog = false
    /// Files parsed by the last `load` (every pipeline's, and fleet.yaml), for benchmarks and tests.
    public private(set) var lastParsedCount = 0

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    /// The fleet as it is on disk now. A broken pipeline never hides the others, nor does a broken fleet.yaml.
    ///
    /// `changed` names paths relative to the fleet root that may have changed (`checkout/environments/qa.yaml`);
    /// only the pipeline each is in is read again (through its own loader). A path at the top level (a folder that
    /// appeared or went, `fleet.yaml`) or a pipeline's airlock.yaml looks for pipelines again. With nil, everything
    /// is looked at.
    public func load(changed: Set<String>? = nil) -> Fleet {
        lastParsedCount = 0
        let realRoot = StatusFileReader.realRoot(root)
        guard let changed, loadedOnce else {
            loadedOnce = true
            file = FleetFile.read(root: root, realRoot: realRoot)
            lastParsedCount += 1
            detect(realRoot: realRoot)
            reload(folders.map { ($0, nil) })
            return assemble()
        }
        var redetect = false
        var whole: Set<String> = []
        var perFolder: [String: Set<String>] = [:]
        for path in changed {
            let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let top = parts.first, !top.isEmpty, !top.hasPrefix(".") else { continue }
            guard parts.count == 2 else {
                if top == FleetFile.path {
                    file = FleetFile.read(root: root, realRoot: realRoot)
                    lastParsedCount += 1
                } else {
                    redetect = true
                    whole.insert(top)
                }
                continue
            }
            guard loaders[top] != nil else {
                redetect = true  // perhaps a new pipeline's airlock.yaml
                continue
            }
            if parts[1] == "airlock.yaml" { redetect = true }
            perFolder[top, default: []].insert(parts[1])
        }
        if redetect { detect(realRoot: realRoot) }
        var work: [(String, Set<String>?)] = []
        for folder in folders {
            if loaders[folder] == nil || whole.contains(folder) {
                work.append((folder, nil))
            } else if let paths = perFolder[folder] {
                work.append((folder, paths))
            }
        }
        reload(work)
        return assemble()
    }

    /// Finds the pipeline folders again: new ones get a loader, gone ones are forgotten.
    private func detect(realRoot: String) {
        var found: [String] = []
        folderProblems = []
        if case .fleet(let candidates) = RootKind.of(root) {
            for folder in candidates {
                if let problem = StatusFileReader.folderProblem(root: root, rel: folder, realRoot: realRoot) {
                    folderProblems.append(Problem(path: folder, line: nil, message: problem + "; not read"))
                } else {
                    found.append(folder)
                }
            }
        }
        folders = found
        for gone in Set(loaders.keys).subtracting(found) {
            loaders[gone] = nil
            snapshots[gone] = nil
        }
    }

    /// Reads each folder's pipeline again (only the named files when given). Pipelines are read side by side on
    /// every core: each has its own RootLoader, and a fleet's first load is many small pipelines.
    private func reload(_ work: [(folder: String, changed: Set<String>?)]) {
        let jobs = work.map { item -> (RootLoader, Set<String>?) in
            let loader = loaders[item.folder] ?? RootLoader(root: root + "/" + item.folder)
            loader.checksWholeAuditLog = checksWholeAuditLog
            // A first read has many pipelines to spread over the cores; a reload one or two, whose files are.
            loader.parsesSideBySide = work.count < ProcessInfo.processInfo.activeProcessorCount
            loaders[item.folder] = loader
            return (loader, item.changed)
        }
        // Each loader is used by one job only.
        let results = ParallelMap.map(count: jobs.count, threshold: 4) { jobs[$0].0.load(changed: jobs[$0].1) }
            .map { $0 ?? Snapshot() }
        for (item, (job, snapshot)) in zip(work, zip(jobs, results)) {
            snapshots[item.folder] = snapshot
            lastParsedCount += job.0.lastParsedCount
        }
    }

    private func assemble() -> Fleet {
        var members: [FleetMember] = []
        for folder in folders {
            guard let snapshot = snapshots[folder] else { continue }
            members.append(FleetMember(name: snapshot.pipeline?.name ?? folder, folder: folder, snapshot: snapshot))
        }
        var problems = file.problems + folderProblems
        problems += file.unknownNames(Set(members.map(\.name)))
        for (name, holders) in Dictionary(grouping: members, by: \.name) where holders.count > 1 {
            let paths = holders.map { $0.folder + "/airlock.yaml" }.sorted()
            problems.append(
                Problem(
                    path: paths[0], line: nil,
                    message: "two pipelines are named \(name): " + paths.joined(separator: " and ")))
        }
        let order = file.config.order
        members.sort { a, b in
            let ia = order.firstIndex(of: a.name) ?? order.count
            let ib = order.firstIndex(of: b.name) ?? order.count
            return (ia, a.name, a.folder) < (ib, b.name, b.folder)
        }
        let title = file.config.name ?? URL(fileURLWithPath: root).standardizedFileURL.lastPathComponent
        problems.sort { ($0.path, $0.line ?? 0) < ($1.path, $1.line ?? 0) }
        return Fleet(name: title, config: file.config, members: members, problems: problems)
    }
}
