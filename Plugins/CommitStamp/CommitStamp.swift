// The build-tool plugin that stamps the binary with the commit it was built from (`airlock --version`).
import Foundation
import PackagePlugin

/// Before every build, runs scripts/commit-stamp.sh, which writes `BuildCommit.swift` (an enum holding the short
/// commit, `-dirty` when a tracked file differs from it, or `unknown commit` outside a git work tree) into the
/// plugin's own work folder, rewriting it only when the text changes, so an unchanged tree rebuilds nothing. The
/// work tree is never written to.
@main
struct CommitStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return [
            .prebuildCommand(
                displayName: "Stamping \(target.name) with its commit",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [
                    context.package.directoryURL.appendingPathComponent("scripts/commit-stamp.sh").path,
                    context.package.directoryURL.path, output.path,
                ],
                environment: ["PATH": path, "LC_ALL": "C"],
                outputFilesDirectory: output
            )
        ]
    }
}
