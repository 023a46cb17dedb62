// Reads a fleet root: every pipeline folder through its own RootLoader, then the fleet's own problems.
import AirlockCore
import Foundation

/// Loads a fleet root. Keeps one RootLoader per pipeline folder, so a reload re-reads only what changed.
public final class FleetLoader {
    public let root: String
    private var loaders: [String: RootLoader] = [:]

    public init(root: String) {
        self.root = root
    }

    /// The fleet as it is on disk now. A broken pipeline never hides the others.
    public func load() -> Fleet {
        let folders: [String]
        if case .fleet(let found) = RootKind.of(root) { folders = found } else { folders = [] }
        var members: [FleetMember] = []
        for folder in folders {
            let loader = loaders[folder] ?? RootLoader(root: root + "/" + folder)
            loaders[folder] = loader
            let snapshot = loader.load()
            members.append(FleetMember(name: snapshot.pipeline?.name ?? folder, folder: folder, snapshot: snapshot))
        }
        for gone in Set(loaders.keys).subtracting(folders) { loaders[gone] = nil }
        var problems: [Problem] = []
        for (name, holders) in Dictionary(grouping: members, by: \.name) where holders.count > 1 {
            let paths = holders.map { $0.folder + "/airlock.yaml" }.sorted()
            problems.append(
                Problem(
                    path: paths[0], line: nil,
                    message: "two pipelines are named \(name): " + paths.joined(separator: " and ")))
        }
        members.sort { ($0.name, $0.folder) < ($1.name, $1.folder) }
        let title = URL(fileURLWithPath: root).standardizedFileURL.lastPathComponent
        return Fleet(name: title, members: members, problems: problems.sorted { $0.path < $1.path })
    }
}
