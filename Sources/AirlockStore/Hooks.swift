import AirlockCore
import Foundation

/// Runs a pipeline hook: an argv array in the root, never through a shell.
public enum HookRunner {
    static func expand(_ argv: [String], request: PromotionRequest, environment: String) -> [String] {
        argv.map {
            $0.replacingOccurrences(of: "{environment}", with: environment)
                .replacingOccurrences(of: "{version}", with: request.version)
                .replacingOccurrences(of: "{from}", with: request.from ?? "")
                .replacingOccurrences(of: "{kind}", with: request.kind.rawValue)
                .replacingOccurrences(of: "{actor}", with: request.requestedBy)
        }
    }

    /// Runs `argv` in `root`; returns nil on success or a one-line reason it failed.
    public static func run(_ argv: [String], root: String, quiet: Bool = false) -> String? {
        guard let program = argv.first else { return "empty hook" }
        let process = Process()
        if program.contains("/") {
            let path = program.hasPrefix("/") ? program : root + "/" + program
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = Array(argv.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = argv
        }
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        process.standardInput = FileHandle.nullDevice
        if quiet {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        do {
            try process.run()
        } catch {
            return "hook \(program) could not start: \(error.localizedDescription)"
        }
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            return "hook \(program) was killed by signal \(process.terminationStatus)"
        }
        return process.terminationStatus == 0 ? nil : "hook \(program) exited with status \(process.terminationStatus)"
    }
}
