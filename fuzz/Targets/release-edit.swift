import Foundation

@testable import AirlockCore
@testable import AirlockStore

/// The in-place editor of release files on arbitrary files and changes (the first byte picks the change):
/// for every file that reads as a release, an edit either yields a file that reads as exactly the intended
/// release, or is refused with a line naming the file; an added entry keeps every original byte.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReleaseEdit(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Fuzz.bytes(data, size)
    guard let control = input.first else { return 0 }
    let bytes = Array(input.dropFirst())
    guard let node = try? YAMLReader.parse(bytes) else { return 0 }
    var stem = "1.0.0"
    if case .scalar(let v)? = node["version"], Names.isValidVersion(v.text) { stem = v.text }
    let (decoded, problems) = Decoders.release(node, path: "releases/\(stem).yaml", stem: stem)
    guard let release = decoded, problems.isEmpty else { return 0 }

    let names = [
        "alice", "o'neil", "a: b", "#x", "null", "- dash", "ünï", "with \"quote\"", " lead", "yes",
        "x\u{2028}y", "{}",
    ]
    let ids = ["monitoring", "code-freeze", "a", "yes"] + release.checklist.keys.sorted()
    let at = Date(timeIntervalSince1970: 1_795_000_000 + Double(control))
    let actor = names[Int(control >> 4) % names.count]
    let change: ReleaseChange
    if control & 0x81 == 0x81 {
        // The metadata `airlock release` sets: a text key or schema_version, replaced or added at the end.
        let key = ["notes", "created_by", "schema_version", "notes"][Int(control >> 1) % 4]
        let value = key == "schema_version" ? String(Int(control)) : actor
        change = .setMeta(key: key, value: value, flow: key == "schema_version" ? value : YAMLText.flowScalar(value))
    } else if control & 1 == 0 {
        change = .approve(Approval(by: actor, environment: control & 2 == 0 ? "production" : "qa", at: at))
    } else {
        let id = ids[Int(control >> 1) % ids.count]
        let note = control & 0x40 != 0 ? names[Int(control) % names.count] : release.checklist[id]?.note
        change = .setItem(id: id, entry: ChecklistEntry(done: control & 0x20 != 0, by: actor, at: at, note: note))
    }
    let path = "releases/\(stem).yaml"
    do {
        let out = Array(try ReleaseFile.edit(bytes, version: stem, release: release, change: change).utf8)
        let after = try? YAMLReader.parse(out)
        let (again, newProblems) = Decoders.release(after, path: path, stem: stem)
        Fuzz.check(
            newProblems.isEmpty && again == change.applied(to: release),
            "the edited file reads as the intended release")
        // `key: ~` is replaced; every other change adds text and keeps the file's bytes around it.
        func replaced(_ n: YNode?) -> Bool {
            if case .scalar(let s)? = n, s.isNull, !s.text.isEmpty { return true }
            return false
        }
        let added: Bool
        switch change {
        case .approve: added = !replaced(node["approvals"])
        case .setItem(let id, _): added = node["checklist"]?[id] == nil && !replaced(node["checklist"])
        case .setMeta(let key, _, _): added = node[key] == nil
        }
        if added {
            var prefix = 0
            while prefix < bytes.count, bytes[prefix] == out[prefix] { prefix += 1 }
            var suffix = 0
            while suffix < bytes.count - prefix, bytes[bytes.count - 1 - suffix] == out[out.count - 1 - suffix] {
                suffix += 1
            }
            Fuzz.check(prefix + suffix == bytes.count, "an added entry keeps every original byte")
        }
    } catch {
        Fuzz.check(error.message.hasPrefix(path + ":"), "a refusal names the file: \(error.message)")
        // FUZZ_STRICT_EDIT=1 turns the editor's last guard into a failure, to find layouts it mis-plans.
        // (Complex keys, `? key`, are left out: refusing those is fine.)
        let strict =
            ProcessInfo.processInfo.environment["FUZZ_STRICT_EDIT"] != nil
            && !bytes.contains(UInt8(ascii: "?"))
        Fuzz.check(!strict || !error.message.contains("would not read back"), error.message)
        Fuzz.check(Fuzz.isPrintable(Sanitize.line(error.message)), "a refusal is one printable line")
    }
    return 0
}
