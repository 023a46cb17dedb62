// The build-tool plugin that stamps the binary with the commit it was built from (`airlock --version`).
import Foundation
import PackagePlugin

/// Runs scripts/commit-stamp.sh, which writes `BuildCommit.swift` (an enum holding the short commit, `-dirty` when
/// a tracked file differs from it, or `unknown commit` outside a git work tree) into the plugin's work folder,
/// rewriting it only when its text changes. A build command, not a prebuild one: SwiftPM skips prebuild commands
/// on incremental builds (swift-package-manager#5476), while a build command reruns whenever one of its inputs
/// changes: git's folder (a commit, checkout or reset renames a new index or HEAD into it), or any source file or
/// the manifest (an edit that may make the tree dirty). The work tree is never written to.
@main
struct CommitStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appendingPathComponent("scripts/commit-stamp.sh")
        let folder = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        var inputs = [package.appendingPathComponent("Package.swift"), script]
        for case let module as SourceModuleTarget in context.package.targets {
            inputs += module.sourceFiles.map(\.url)
        }
        inputs += Self.gitFolders(package)
        return [
            .buildCommand(
                displayName: "Stamping \(target.name) with its commit",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, package.path, folder.path],
                environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LC_ALL": "C"],
                inputFiles: inputs,
                outputFiles: [folder.appendingPathComponent("BuildCommit.swift")]
            )
        ]
    }

    /// The package's git folders (a linked work tree has its own and a common one), none outside a git work tree or
    /// without git. A folder, not the files in it: git replaces its index and HEAD by renaming a new file over them
    /// (a commit, checkout or reset changes the folder's modification time), and a file git may delete (packed-refs)
    /// would fail the build as a missing input.
    static func gitFolders(_ package: URL) -> [URL] {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = [
            "git", "-C", package.path, "rev-parse", "--path-format=absolute", "--git-dir", "--git-common-dir",
        ]
        let out = Pipe()
        git.standardOutput = out
        git.standardError = FileHandle.nullDevice
        guard (try? git.run()) != nil else { return [] }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        guard git.terminationStatus == 0 else { return [] }
        let folders = Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
        return folders.sorted().map { URL(fileURLWithPath: $0) }
    }
}
