import Foundation

@testable import AirlockCore
@testable import AirlockStore

/// `airlock report` on arbitrary environment files and values (the first byte picks the options): the report is
/// refused as bad input with one printable line, or its file reads back as a valid environment with every
/// top-level key of the original kept.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Fuzz.bytes(data, size)
    guard let control = input.first else { return 0 }
    let bytes = Array(input.dropFirst())
    guard let node = try? YAMLReader.parse(bytes), case .mapping(let pairs, _) = node else { return 0 }
    let values = ["2.5.0", "true", "007", "a: b", "#x", "null", "ünï", "- d", "", "1.5", "x\u{2028}y", "~", "{}"]
    func pick(_ shift: UInt8) -> String { values[Int(control >> shift) % values.count] }
    var change = ReportChange(environment: "qa")
    if control & 1 != 0 { change.version = pick(1) }
    if control & 2 != 0 { change.checks = ["\(pick(2))=passing:\(pick(3))", "http=failing"] }
    if control & 4 != 0 { change.flags = ["\(pick(3))=\(pick(4))"] }
    if control & 8 != 0 { change.config = ["\(pick(4))=\(pick(1))"] }
    if control & 16 != 0 { change.services = ["web=\(pick(5)):down"] }
    change.clearChecks = control & 32 != 0
    if control & 64 != 0 { change.json = Array("{\"custom\": \(bytes.count), \"version\": \"2.6.0\"}".utf8) }
    let rel = "environments/qa.yaml"
    do {
        let edits = try change.parsed(actor: "ci")
        let before = Decoders.environment(node, path: rel, mtime: nil).0
        var doc = ReportDocument(node)
        if let json = edits.json { doc.merge(json) }
        try Planning.apply(edits, to: &doc, before: before, now: Date(timeIntervalSince1970: 1_795_000_000))
        let text = doc.render()
        _ = try Planning.validated(text, rel: rel)
        guard case .mapping(let after, _)? = try? YAMLReader.parse(Array(text.utf8)) else {
            Fuzz.check(false, "the written file is a mapping")
            return 0
        }
        let kept = Set(after.map(\.key))
        Fuzz.check(pairs.allSatisfy { kept.contains($0.key) }, "every key of the original is kept")
    } catch {
        Fuzz.check(error.kind == .badInput, "a refusal is bad input: \(error.message)")
        Fuzz.check(Fuzz.isPrintable(error.message), "a refusal is one printable line")
    }
    return 0
}
