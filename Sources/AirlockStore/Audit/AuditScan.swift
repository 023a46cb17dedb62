// Questions about the whole audit log answered by streaming it: validity, what an environment ran.
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Questions about the whole audit log, answered by streaming it with bounded memory: validating every line
/// (`check`), listing it newest first (`log`), and what an environment ran before (rollback).
public enum AuditScan {
    /// Bad lines reported by name; beyond this, one line says how many more there are.
    static let maxProblems = 100

    /// Every problem of the audit log, with line numbers, reading it forwards once.
    public static func problems(root: String) -> [Problem] {
        let file: AuditFile
        switch AuditFile.open(root: root) {
        case .missing: return []
        case .problem(let p): return [p]
        case .file(let f): file = f
        }
        var out: [Problem] = []
        var more = 0
        file.forEachLine(from: 0, to: file.completeEnd()) { number, line in
            if line.isBlank { return true }
            if case .failure(let error) = AuditLog.entry(line) {
                if out.count < maxProblems {
                    out.append(Problem(path: AuditFile.relPath, line: number, message: error.message))
                } else {
                    more += 1
                }
            }
            return true
        }
        if more > 0 { out.append(Problem(path: AuditFile.relPath, line: nil, message: "\(more) more bad lines")) }
        return out
    }

    /// Calls `body` with each entry newest first until it returns false; returns the problems met on the way
    /// (with line numbers when the whole log was read, else counted from the end), and whether the log could be
    /// read at all (a FIFO or folder in its place cannot).
    public static func newestFirst(
        root: String,
        _ body: (AuditEntry) -> Bool
    ) -> (problems: [Problem], readable: Bool) {
        let file: AuditFile
        switch AuditFile.open(root: root) {
        case .missing: return ([], true)
        case .problem(let p): return ([p], false)
        case .file(let f): file = f
        }
        var reader = AuditFile.Backward(file, end: file.completeEnd())
        var bad: [(fromEnd: Int, message: String)] = []
        var more = 0
        var count = 0
        var stopped = false
        while let line = reader.next() {
            count += 1
            if line.isBlank { continue }
            switch AuditLog.entry(line) {
            case .success(let e):
                if !body(e) { stopped = true }
            case .failure(let error):
                if bad.count < maxProblems { bad.append((count, error.message)) } else { more += 1 }
            }
            if stopped { break }
        }
        let whole = !stopped && reader.position == 0
        var out = bad.reversed().map { p in
            whole
                ? Problem(path: AuditFile.relPath, line: count - p.fromEnd + 1, message: p.message)
                : Problem(path: AuditFile.relPath, line: nil, message: "line \(p.fromEnd) from the end: \(p.message)")
        }
        if more > 0 { out.append(Problem(path: AuditFile.relPath, line: nil, message: "\(more) more bad lines")) }
        return (out, true)
    }

    /// What the log records `environment` running, read backwards from the end until `enough` is true of it or
    /// the start of the log is reached (then `complete` is set). Bad lines are skipped here (`check` names them).
    static func history(
        root: String, environment: String, current: String?,
        until enough: (RunHistory) -> Bool
    ) -> Result<RunHistory, AuditUnreadable> {
        var history = RunHistory(environment: environment, current: current)
        let file: AuditFile
        switch AuditFile.open(root: root) {
        case .missing:
            history.complete = true
            return .success(history)
        case .problem(let p): return .failure(AuditUnreadable(problem: p))
        case .file(let f): file = f
        }
        var reader = AuditFile.Backward(file, end: file.completeEnd())
        let name = Array(environment.utf8)
        let escape: [UInt8] = [0x5C, 0x75]  // \u
        while !enough(history), let line = reader.next() {
            // Most lines are about something else: only parse those that name the environment (or that may
            // spell it with \u escapes).
            guard let bytes = line.bytes, contains(bytes, name) || contains(bytes, escape) else { continue }
            if case .success(let e) = AuditLog.entry(bytes) { history.add(e) }
        }
        if reader.position == 0 { history.complete = true }
        return .success(history)
    }

    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var from = haystack.startIndex
        while let i = haystack[from...].firstIndex(of: first) {
            guard haystack.endIndex - i >= needle.count else { return false }
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            from = i + 1
        }
        return false
    }
}

/// The audit log cannot be read (not a regular file, no permission).
struct AuditUnreadable: Error {
    var problem: Problem
}
