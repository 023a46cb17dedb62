// The part of the audit log a scrolling view has read, newest first.
import AirlockCore
import Foundation

/// The part of the audit log a scrolling view has read: its newest entries (those matching the view's filter),
/// read backwards from the end only as far as the view has scrolled, plus what was appended since.
public struct AuditPage: Sendable, Equatable {
    /// Matching entries, newest first.
    public var entries: [AuditEntry] = []
    public var filter: String = ""
    /// Bad lines met while reading (`airlock check` names them).
    public var badLines = 0
    /// Why the log cannot be read.
    public var error: String?
    var inode: UInt64?
    /// End of the last complete line read (new lines are read from here).
    var end = 0
    /// Start of the oldest line read: reading further back continues here; 0 once the whole log is read.
    var start = 0

    public init(filter: String = "") { self.filter = filter }

    /// True once every line of the log has been read.
    public var reachedStart: Bool { start == 0 }
}

public enum AuditPager {
    /// Bytes read backwards per request at most, so a filter that matches little never stalls the dashboard.
    static let budget = 2 * 1024 * 1024
    /// More appended than this since the last read: start again from the end instead of reading it all.
    static let maxAppendRead = 4 * 1024 * 1024

    /// Brings `page` up to date with the log (new lines first) and reads back until it holds `want` entries,
    /// the start of the log, or the byte budget of one request.
    public static func read(
        _ page: AuditPage?, root: String, want: Int, filter: String,
        matches: (AuditEntry) -> Bool
    ) -> AuditPage {
        let file: AuditFile
        switch AuditFile.open(root: root) {
        case .missing: return AuditPage(filter: filter)
        case .problem(let p):
            var out = AuditPage(filter: filter)
            out.error = p.description
            return out
        case .file(let f): file = f
        }
        let end = file.completeEnd()
        var p: AuditPage
        if let page, page.filter == filter, page.error == nil, page.inode == file.inode, end >= page.end,
            end - page.end <= maxAppendRead
        {
            p = page
            if end > p.end { p = appended(p, file: file, end: end, matches: matches) }
        } else {
            p = AuditPage(filter: filter)
            p.inode = file.inode
            p.end = end
            p.start = end
        }
        guard p.entries.count < want, p.start > 0 else { return p }
        var reader = AuditFile.Backward(file, end: p.start)
        while p.entries.count < want, reader.bytesRead < budget, let line = reader.next() {
            if line.isBlank { continue }
            switch AuditLog.entry(line) {
            case .success(let e): if matches(e) { p.entries.append(e) }
            case .failure: p.badLines += 1
            }
        }
        p.start = reader.position
        return p
    }

    private static func appended(
        _ page: AuditPage, file: AuditFile, end: Int,
        matches: (AuditEntry) -> Bool
    ) -> AuditPage {
        var p = page
        var fresh: [AuditEntry] = []
        file.forEachLine(from: p.end, to: end) { _, line in
            if line.isBlank { return true }
            switch AuditLog.entry(line) {
            case .success(let e): if matches(e) { fresh.append(e) }
            case .failure: p.badLines += 1
            }
            return true
        }
        p.entries.insert(contentsOf: fresh.reversed(), at: 0)
        p.end = end
        return p
    }
}
