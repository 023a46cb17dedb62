// The holds on auto-promotion the whole audit log records, kept up to date by reading only what is appended.
import AirlockCore
import Foundation

/// Every environment's newest `hold` or `resume` line, from the whole audit log however long: read forwards once
/// (only lines that may be such lines are parsed), then only the bytes appended since (a cursor: offset and the
/// last line read; a log truncated, replaced or rewritten is read again from its start).
struct HoldIndex {
    private(set) var holds: [String: AutoPromoteHold] = [:]
    private var stamp: FileStamp?
    private var offset = 0
    private var lastLine: [UInt8] = []
    private var missing = true
    /// How many times the log was read from its start (the cursor's tests look at it).
    private(set) var readsFromStart = 0

    /// Lines that may be hold/resume lines: naming the action, or spelling something with `\u` escapes.
    private static let needles: [[UInt8]] = [Array("hold\"".utf8), Array("resume\"".utf8), [0x5C, 0x75]]

    /// Reads what changed; true when the holds changed.
    mutating func update(root: String) -> Bool {
        let before = holds
        switch AuditFile.open(root: root) {
        case .missing, .problem:
            if !missing { self = HoldIndex() }
            missing = true
        case .file(let file):
            missing = false
            if file.stamp == stamp { return false }
            if !continues(file) {
                readsFromStart += 1
                holds = [:]
                offset = 0
                lastLine = []
            }
            read(file)
            stamp = file.stamp
        }
        return holds != before
    }

    /// Whether `file` is the one read before, grown: same inode, longer (changed at the same size is a rewrite),
    /// and its bytes before the cursor still the last line read.
    private func continues(_ file: AuditFile) -> Bool {
        guard let stamp, stamp.inode == file.inode, file.size > stamp.size, offset > 0 else { return false }
        let start = offset - lastLine.count - 1
        guard start >= 0 else { return false }
        return file.read(at: start, count: lastLine.count + 1) == lastLine + [0x0A]
    }

    private mutating func read(_ file: AuditFile) {
        let end = file.completeEnd()
        guard end > offset else { return }
        var last: ArraySlice<UInt8> = []
        file.forEachLine(from: offset, to: end) { _, line in
            guard let bytes = line.bytes else { return true }
            last = bytes
            guard Self.needles.contains(where: { AuditScan.contains(bytes, $0) }),
                case .success(let e) = AuditLog.entry(bytes), let env = e.environment
            else { return true }
            if e.action == .hold { holds[env] = AutoPromoteHold(by: e.actor, at: e.at, reason: e.reason) }
            if e.action == .resume { holds[env] = nil }
            return true
        }
        // The cursor's check needs the exact last line; a huge one (> 4 KiB) is not kept: read again next time.
        lastLine = last.count <= 4096 ? Array(last) : []
        offset = last.count <= 4096 ? end : 0
        if offset == 0 { stamp = nil }
    }
}
