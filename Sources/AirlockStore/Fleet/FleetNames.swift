// The names of a fleet's pipelines without reading the pipelines: only each folder's airlock.yaml, for a command
// that acts on one of them.
import AirlockCore
import Foundation

extension FleetLoader {
    /// One pipeline folder and the name its airlock.yaml gives it (the folder's name when it cannot be read).
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var folder: String
    }

    /// Every pipeline folder of the fleet root `root` (folders that leave the root left out), by name then folder.
    public static func entries(root: String) -> [Entry] {
        guard case .fleet(let candidates) = RootKind.of(root) else { return [] }
        let realRoot = StatusFileReader.realRoot(root)
        return candidates.compactMap { folder -> Entry? in
            guard StatusFileReader.folderProblem(root: root, rel: folder, realRoot: realRoot) == nil else { return nil }
            return Entry(name: pipelineName(root: root + "/" + folder) ?? folder, folder: folder)
        }.sorted { ($0.name, $0.folder) < ($1.name, $1.folder) }
    }

    /// The `pipeline:` name in `root/airlock.yaml`, nil when it cannot be read (a FIFO, a link out, bad YAML).
    public static func pipelineName(root: String) -> String? {
        let realRoot = StatusFileReader.realRoot(root)
        guard case .file = StatusFileReader.inspect(root: root, rel: "airlock.yaml", realRoot: realRoot),
            case .success(let bytes) = StatusFileReader.read(
                root + "/airlock.yaml", realRoot: realRoot, limit: YAMLReader.maxFileSize),
            let node = try? YAMLReader.parse(bytes), case .scalar(let s)? = node["pipeline"], !s.isNull
        else { return nil }
        return s.text
    }
}
