// What a command will change (files and audit line), and what planning reads besides the snapshot.
import AirlockCore
import Foundation

/// What a command will change: files to write (root-relative) and its audit line.
struct Plan {
    var result: OperationResult
    /// Files to write: root-relative path, new text, and for a file edited in place the bytes the edit was
    /// planned from (nil for files airlock owns and replaces whole).
    var writes: [(path: String, text: String, base: [UInt8]?)] = []
    var entry: AuditEntry?
    /// More audit lines after `entry` (a report that changes both version and health records two).
    var more: [AuditEntry] = []
    /// The git commit's subject when the plan has no audit line to name it (`airlock: report 2.4.1 qa by ci`).
    var subject: String?
    /// Written but never committed with git: a heartbeat (reports are frequent; see the README).
    var localOnly = false
    /// Files the plan replaces whole as their one writer's newest state: local edits git sees there (a heartbeat
    /// not committed) do not stop it, the new state includes them.
    var ownedWhole: [String] = []
    /// Audit lines with no file to write (what the agent records of files others wrote).
    var auditOnly = false

    /// Whether the plan changes anything (files, with an audit line or a commit subject to name the change).
    var records: Bool {
        (!writes.isEmpty || (auditOnly && entry != nil)) && (entry != nil || subject != nil || localOnly)
    }
    /// Its audit lines, in order.
    var entries: [AuditEntry] { (entry.map { [$0] } ?? []) + more }

    static func noChange(_ message: String) -> Plan {
        Plan(result: OperationResult(message: message, changed: false, entry: nil, hook: nil))
    }
}

/// A command's rules and writes as a function of the state it finds: run again on a new state to re-apply it.
typealias Planner = (Snapshot, Date) throws(OperationError) -> Plan

/// What planning reads besides the snapshot, asked only when a plan needs it: a release file's bytes (to edit it
/// in place) and what the audit log records an environment running (for a rollback).
struct PlanInputs {
    var releaseBytes: (_ version: String) throws(OperationError) -> [UInt8]
    /// Reads the log backwards until `done` says the history answers the question.
    var runHistory:
        (_ environment: String, _ current: String, _ done: (RunHistory) -> Bool) throws(OperationError) ->
            RunHistory

    /// The inputs as the root on disk holds them.
    static func disk(root: String) -> PlanInputs {
        PlanInputs(
            releaseBytes: { (version: String) throws(OperationError) -> [UInt8] in
                try ReleaseFile.read(root: root, version: version)
            },
            runHistory: { (env: String, current: String, done: (RunHistory) -> Bool) throws(OperationError) in
                switch AuditScan.history(root: root, environment: env, current: current, until: done) {
                case .success(let h): return h
                case .failure(let e):
                    throw OperationError(.refused, "\(e.problem) (a rollback needs what \(env) ran)")
                }
            })
    }
}
