import Foundation

@testable import AirlockStore

/// The scanner of YAML's plain block shape: never a crash, and for every file it accepts, exactly libyaml's events.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlainYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let plain = YAMLEventReader.eventList(bytes, plain: true) else { return 0 }
    let reference = YAMLEventReader.eventList(bytes, plain: false)
    Fuzz.check(
        plain == reference,
        "the plain scanner and libyaml disagree:\n\(plain)\n\(reference.map { "\($0)" } ?? "refused")")
    return 0
}
