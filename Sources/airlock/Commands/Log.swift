// `airlock log [--env B] [--json]`: the audit log, newest first, streamed; on a fleet, every pipeline's merged.
import AirlockCore
import AirlockStore
import ArgumentParser

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The audit log, newest first (on a fleet root, every pipeline's, merged).")
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: ArgumentHelp("Only entries for this environment.", valueName: "ENV")) var env: String?
    @Flag(name: .long, help: "One JSON object a line.") var json = false

    func run() throws {
        switch try common.resolveTarget() {
        case .pipeline(let root): try one(root)
        case .fleet(let root): try FleetLog(env: env, json: json).run(FleetLoader(root: root).load(), root: root)
        }
    }

    private func one(_ root: String) throws(CommandFailure) {
        if let env, let pipeline = RootLoader(root: root).load().pipeline, pipeline.environment(named: env) == nil {
            throw CommandFailure("unknown environment \"\(Sanitize.line(env))\"", code: CommandFailure.badInput)
        }
        // Streamed from the end backwards: memory stays the same however long the log is. Output goes through the
        // one writer (sanitized, buffered); once a write has failed, reading stops and the command fails.
        let (problems, readable) = AuditScan.newestFirst(root: root) { e in
            guard env == nil || e.environment == env else { return true }
            if json { Console.data(AuditLog.json(e).serialized()) } else { Console.out(StatusTable.logLine(e)) }
            return !Console.hasFailed
        }
        if Console.hasFailed { throw CommandFailure(silentExit: CommandFailure.failed) }
        for p in problems { printErr("airlock: \(Sanitize.line(p.description))") }
        if !readable { throw CommandFailure(silentExit: CommandFailure.failed) }
    }
}
