import Foundation

@testable import AirlockCore
@testable import AirlockStore

/// The audit log reader on arbitrary bytes: each line is an entry, a problem with its line, or blank; an
/// entry written back and read again is the same entry.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuditLog(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
    let (entries, problems) = AuditLog.parse(Data(bytes), path: "audit.jsonl", firstLine: 1)
    Fuzz.check(entries.count + problems.count <= lines, "at most one entry or problem a line")
    for p in problems {
        Fuzz.check((p.line ?? 0) >= 1 && (p.line ?? 0) <= lines, "problem line \(p.line ?? 0) is in the file")
    }
    // The quick reader (tried first on every line) accepts only what the general one does, and reads it the same.
    for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
        guard let quick = AuditQuickEntry.entry(raw) else { continue }
        Fuzz.check((try? AuditLog.generalEntry(raw).get()) == quick, "the quick reader agrees: \(quick)")
    }
    for e in entries {
        let line = AuditLog.line(e)
        Fuzz.check(line.hasSuffix("\n") && !line.dropLast().contains("\n"), "an entry is written on one line")
        let (again, _) = AuditLog.parse(Data(line.utf8), path: "audit.jsonl", firstLine: 1)
        var expected = e
        expected.at = TimeFormat.wholeSeconds(e.at)
        Fuzz.check(again == [expected], "an entry reads back as itself: \(e) -> \(again)")
    }
    return 0
}
