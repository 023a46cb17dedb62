// What a status root is: one pipeline (it holds airlock.yaml) or a fleet (its direct subfolders do).
import Foundation

/// The kind of a root folder (SPEC §1: a pipeline root holds airlock.yaml; a folder without one whose direct,
/// non-hidden subfolders hold it is a fleet root).
public enum RootKind: Sendable, Equatable {
    case pipeline
    /// The subfolders that hold an airlock.yaml, by name.
    case fleet(folders: [String])
    /// Neither: no airlock.yaml here or one level down (read as a pipeline root, whose problem says so).
    case neither

    public static func of(_ root: String) -> RootKind {
        let fm = FileManager.default
        if fm.fileExists(atPath: root + "/airlock.yaml") { return .pipeline }
        guard let names = try? fm.contentsOfDirectory(atPath: root) else { return .neither }
        let folders = names.filter { name in
            guard !name.hasPrefix(".") else { return false }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue else {
                return false
            }
            return fm.fileExists(atPath: root + "/" + name + "/airlock.yaml")
        }.sorted()
        return folders.isEmpty ? .neither : .fleet(folders: folders)
    }
}
