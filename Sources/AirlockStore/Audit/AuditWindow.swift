// The newest lines of the audit log a snapshot holds, kept up to date as the log grows.
import AirlockCore
import Foundation

/// The end of the audit log a snapshot holds: its newest lines, read backwards from the end once and then kept up
/// to date by reading only the bytes appended since. Memory and time do not depend on the size of the log.
struct AuditWindow {
    /// Lines kept (entries and problems together).
    static let limit = 256
    /// More appended than this at once is read as a fresh window from the end rather than forwards.
    static let maxAppendRead = 1024 * 1024

    /// Entries of the window with their index among the lines read (`seq`), oldest first.
    private var seqEntries: [(seq: Int, entry: AuditEntry)] = []
    /// Bad lines of the window, by their index among the lines read (`seq`).
    private var lineProblems: [(seq: Int, message: String)] = []
    private var fileProblem: Problem?
    private var stamp: FileStamp?
    /// Bytes read so far: the end of the last complete line.
    private var offset = 0
    private var nextSeq = 0
    /// The line number of `seq` 0, known when the window reaches the start of the file.
    private var firstLine: Int?

    /// Reads what changed; returns true when the window is different.
    mutating func update(root: String) -> Bool {
        switch AuditFile.open(root: root) {
        case .missing:
            if stamp == nil && fileProblem == nil { return false }
            self = AuditWindow()
            return true
        case .problem(let p):
            if fileProblem == p { return false }
            self = AuditWindow()
            fileProblem = p
            return true
        case .file(let file):
            if file.stamp == stamp { return false }
            let sameFile = stamp?.inode == file.inode && offset > 0 && file.size >= offset
            if sameFile && file.size - offset <= Self.maxAppendRead {
                readAppended(file)
            } else {
                self = AuditWindow()
                readEnd(file)
            }
            stamp = file.stamp
            return true
        }
    }

    /// The window's problems: with line numbers when the window reaches the start of the log, else counted from
    /// its end (`airlock check` reads the whole log and names every line).
    var problems: [Problem] {
        if let fileProblem { return [fileProblem] }
        return lineProblems.map { p in
            if let firstLine { return Problem(path: AuditFile.relPath, line: firstLine + p.seq, message: p.message) }
            let fromEnd = nextSeq - p.seq
            return Problem(
                path: AuditFile.relPath, line: nil,
                message: "line \(fromEnd) from the end: \(p.message) (airlock check names its line)")
        }
    }

    private mutating func take(_ line: AuditFile.Line, seq: Int) {
        if line.isBlank { return }
        switch AuditLog.entry(line) {
        case .success(let e): seqEntries.append((seq, e))
        case .failure(let error): lineProblems.append((seq, error.message))
        }
    }

    private mutating func readAppended(_ file: AuditFile) {
        let end = file.completeEnd()
        guard end > offset else { return }
        file.forEachLine(from: offset, to: end) { _, line in
            take(line, seq: nextSeq)
            nextSeq += 1
            return true
        }
        offset = end
        trim()
    }

    private mutating func readEnd(_ file: AuditFile) {
        let end = file.completeEnd()
        var reader = AuditFile.Backward(file, end: end)
        var lines: [AuditFile.Line] = []
        while lines.count < Self.limit, let line = reader.next() { lines.append(line) }
        let reachedStart = reader.position == 0
        for (seq, line) in lines.reversed().enumerated() { take(line, seq: seq) }
        nextSeq = lines.count
        firstLine = reachedStart ? 1 : nil
        offset = end
    }

    private mutating func trim() {
        seqEntries.removeAll { $0.seq < nextSeq - Self.limit }
        lineProblems.removeAll { $0.seq < nextSeq - Self.limit }
    }

    /// Entries of the window, oldest first.
    var entries: [AuditEntry] { seqEntries.map(\.entry) }
}
