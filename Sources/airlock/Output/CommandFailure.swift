// The one error a command throws: the lines it prints on stderr and the exit code (docs/SPEC.md section 3).
import AirlockStore

struct CommandFailure: Error {
    /// The exit codes of docs/SPEC.md: refused or failed, bad input, a hook that failed after the change.
    static let failed: Int32 = 1
    static let badInput: Int32 = 2
    static let hookFailed: Int32 = 3

    /// Lines for stderr, each printed as one line (a newline inside a value becomes a space); none for a
    /// command that has said everything already.
    let lines: [String]
    let exitCode: Int32

    /// `airlock: MESSAGE` then the detail lines as they are.
    init(_ message: String, code: Int32, details: [String] = []) {
        lines = ["airlock: " + message] + details
        exitCode = code
    }

    /// An exit code with nothing more to say.
    init(silentExit code: Int32) {
        lines = []
        exitCode = code
    }

    /// Prints the lines and ends the process: the only place a failure turns into output.
    func report() -> Never {
        for line in lines { printErr(line) }
        Console.exit(exitCode)
    }
}
