import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// Generated release files in every layout the editor promises to handle: each edit succeeds, decodes as
/// exactly the intended release, keeps every comment, adds only the file's own line ending and, when it
/// adds an entry, leaves every original byte in place.
@Suite struct ReleaseEditPropertyTests {
    struct Layout {
        var text: String
        var eol: String
        var items: [String]
    }

    static func generate(_ rng: inout FuzzTests.XorShift) -> Layout {
        func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &rng)] }
        func chance() -> Bool { Bool.random(using: &rng) }
        let eol = pick(["\n", "\r\n", "\r"])
        let ind = pick(["  ", "    "])
        var comment: String { chance() ? "  # c\(Int.random(in: 0..<99, using: &rng))" : "" }
        var sections: [[String]] = []
        sections.append(["version: 2.4.0" + comment])
        sections.append(
            pick([
                ["notes: plain words" + comment],
                ["notes: \"one\u{2028}two\u{0085}three\u{2029}four\"" + comment],
                ["notes: |" + comment, ind + "first line", ind + "second line"],
                ["notes: >-", ind + "folded", "", ind + "text"],
                ["notes: |+", ind + "kept", ""],
                ["notes: 'single", ind + "quoted'"],
            ]))
        if chance() { sections.append(["owner: payments" + comment, "# owner picks the window"]) }
        var items: [String] = []
        for name in ["code-freeze", "tests-passed", "monitoring"] where chance() { items.append(name) }
        func itemValue(_ name: String, flow: Bool) -> [String] {
            let inline = pick(["true", "false", "{done: false}", "{done: true, by: bob, note: \"n\"}", "no"])
            if flow || chance() { return ["\(name): \(inline)"] }
            return ["\(name):" + comment, ind + "done: false", ind + "# who", ind + "by: bob"]
        }
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: break
        case 1: sections.append(["checklist:" + comment])
        case 2: sections.append(["checklist: ~" + comment])
        case 3:
            let body = items.flatMap { itemValue($0, flow: false) }.map { ind + $0 }
            sections.append(["checklist:" + comment] + (body.isEmpty ? [] : body))
        case 4:
            let inline = items.flatMap { itemValue($0, flow: true) }.joined(separator: ", ")
            sections.append(["checklist: {" + inline + "}" + comment])
        default:
            let body = items.flatMap { itemValue($0, flow: true) }.map { ind + $0 + "," + comment }
            sections.append(["checklist: {"] + body + ["}"])
        }
        let bob = "{by: bob, environment: staging}"
        switch Int.random(in: 0..<7, using: &rng) {
        case 0: break
        case 1: sections.append(["approvals:" + comment])
        case 2: sections.append(["approvals: []" + comment])
        case 3: sections.append(["approvals: [\(bob), {by: eve, environment: qa}]" + comment])
        case 4: sections.append(["approvals: [", ind + bob + "," + comment, "]"])
        case 5:
            sections.append([
                "approvals:", ind + "- " + bob + comment, ind + "# next", ind + "- by: eve",
                ind + "  environment: qa",
            ])
        default: sections.append(["approvals:", "- " + bob, "- by: eve" + comment, "  environment: qa"])
        }
        for i in stride(from: sections.count - 1, to: 1, by: -1) {
            sections.swapAt(i, Int.random(in: 1...i, using: &rng))
        }
        var lines: [String] = chance() ? ["# release file"] : []
        for s in sections {
            lines += s
            if chance() { lines.append(pick(["", "# between", "   # indented comment"])) }
        }
        let text = lines.joined(separator: eol) + (chance() ? eol : "")
        return Layout(text: text, eol: eol, items: items)
    }

    /// The lengths of the longest common prefix and, after it, the longest common suffix.
    static func commonAffixes(_ a: [UInt8], _ b: [UInt8]) -> (prefix: Int, suffix: Int) {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        return (prefix, suffix)
    }

    @Test func everyGeneratedLayoutIsEditedInPlace() throws {
        let seed: UInt64 = 0xA11C_E5ED_2026_1122
        print("ReleaseEditPropertyTests seed: \(seed)")
        var rng = FuzzTests.XorShift(state: seed)
        var insertions = 0
        for round in 0..<600 {
            let layout = Self.generate(&rng)
            let bytes = Array(layout.text.utf8)
            let release = try #require(
                ReleaseEditTests.release(bytes),
                "round \(round) is a valid release:\n\(layout.text)")
            let change: ReleaseChange
            let id = ["code-freeze", "tests-passed", "monitoring", "docs"].randomElement(using: &rng) ?? "docs"
            if Bool.random(using: &rng) {
                change = .approve(Approval(by: "alice", environment: "production", at: ReleaseEditTests.at))
            } else {
                let entry = ChecklistEntry(
                    done: Bool.random(using: &rng), by: "carol", at: ReleaseEditTests.at,
                    note: release.checklist[id]?.note)
                change = .setItem(id: id, entry: entry)
            }
            let out: String
            do {
                out = try ReleaseFile.edit(bytes, version: "2.4.0", release: release, change: change)
            } catch {
                Issue.record("round \(round): \(error)\n\(layout.text.debugDescription)")
                continue
            }
            let outBytes = Array(out.utf8)
            #expect(ReleaseEditTests.release(outBytes) == change.applied(to: release), "round \(round)")
            for line in layout.text.components(separatedBy: layout.eol) {
                guard let hash = line.firstIndex(of: "#") else { continue }
                #expect(out.contains(line[hash...]), "round \(round): comment kept: \(line)")
            }
            let (prefix, suffix) = Self.commonAffixes(bytes, outBytes)
            let middle = String(decoding: outBytes[prefix..<(outBytes.count - suffix)], as: UTF8.self)
            let otherBreaks = middle.replacingOccurrences(of: layout.eol, with: "").unicodeScalars
                .filter { $0 == "\n" || $0 == "\r" }
            #expect(
                otherBreaks.isEmpty,
                "round \(round): only the file's line ending is added: \(middle.debugDescription)")
            let isInsertion: Bool
            switch change {
            case .approve: isInsertion = !(release.approvals.isEmpty && layout.text.contains("approvals: ~"))
            case .setItem(let id, _):
                isInsertion = release.checklist[id] == nil && !layout.text.contains("checklist: ~")
            case .setMeta: isInsertion = false  // not generated here (ReleaseMetaEditTests)
            }
            if isInsertion {
                insertions += 1
                let shown = "\(layout.text.debugDescription)\n\(out.debugDescription)"
                #expect(prefix + suffix == bytes.count, "round \(round): every original byte kept\n\(shown)")
            }
        }
        #expect(insertions > 200)
    }
}
