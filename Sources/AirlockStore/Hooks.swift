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
        let out = Subprocess.run(argv, in: root, output: quiet ? .discard : .inherit)
        if out.signaled { return "hook \(program) was killed by signal \(out.status)" }
        if out.status == 126 || out.status == 127 { return "hook \(program) could not start (not found or not executable)" }
        return out.status == 0 ? nil : "hook \(program) exited with status \(out.status)"
    }
}
