// Every pipeline's audit log of a fleet, merged newest first and streamed: one backward reader per log, so memory
// stays the same however long the logs are.
import AirlockCore
import Foundation

public enum FleetAuditScan {
    /// One pipeline's log, read backwards one entry ahead.
    private struct Cursor {
        var reader: AuditFile.Backward?
        var head: AuditEntry?
        var lines = 0
        var bad: [(fromEnd: Int, message: String)] = []
        var more = 0

        mutating func advance() {
            head = nil
            while let line = reader?.next() {
                lines += 1
                if line.isBlank { continue }
                switch AuditLog.entry(line) {
                case .success(let e):
                    head = e
                    return
                case .failure(let error):
                    if bad.count < AuditScan.maxProblems { bad.append((lines, error.message)) } else { more += 1 }
                }
            }
        }

        /// The bad lines met, with line numbers when the whole log was read.
        func problems(folder: String, stopped: Bool) -> [Problem] {
            let path = folder + "/" + AuditFile.relPath
            let whole = !stopped && reader?.position == 0
            var out = bad.reversed().map { p in
                whole
                    ? Problem(path: path, line: lines - p.fromEnd + 1, message: p.message)
                    : Problem(path: path, line: nil, message: "line \(p.fromEnd) from the end: \(p.message)")
            }
            if more > 0 { out.append(Problem(path: path, line: nil, message: "\(more) more bad lines")) }
            return out
        }
    }

    /// Calls `body` with each entry of every member's log (the member's index in `fleet.members`) newest first by
    /// time, equal times in the fleet's order, until it returns false. Returns the problems met (paths relative to
    /// the fleet root) and whether every log could be read.
    public static func newestFirst(
        root: String, fleet: Fleet, _ body: (Int, AuditEntry) -> Bool
    ) -> (problems: [Problem], readable: Bool) {
        var problems: [Problem] = []
        var readable = true
        var cursors: [Cursor] = fleet.members.map { member in
            switch AuditFile.open(root: root + "/" + member.folder) {
            case .missing: return Cursor()
            case .problem(let p):
                problems.append(Problem(path: member.folder + "/" + p.path, line: p.line, message: p.message))
                readable = false
                return Cursor()
            case .file(let f):
                var c = Cursor(reader: AuditFile.Backward(f, end: f.completeEnd()))
                c.advance()
                return c
            }
        }
        var stopped = false
        while true {
            var pick: Int?
            for i in cursors.indices {
                guard let at = cursors[i].head?.at else { continue }
                if let p = pick, let newest = cursors[p].head?.at, newest >= at { continue }
                pick = i
            }
            guard let i = pick, let entry = cursors[i].head else { break }
            if !body(i, entry) {
                stopped = true
                break
            }
            cursors[i].advance()
        }
        for (member, cursor) in zip(fleet.members, cursors) {
            problems += cursor.problems(folder: member.folder, stopped: stopped)
        }
        return (problems, readable)
    }
}
