import Foundation

@testable import AirlockStore

/// The terminal sanitizer on arbitrary text: no C0 or C1 control character (ESC among them), no DEL and
/// no bidirectional override survives, whatever the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitize(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: Fuzz.bytes(data, size), as: UTF8.self)
    let line = Sanitize.line(text)
    Fuzz.check(!line.unicodeScalars.contains { $0.value == 0x09 || $0.value == 0x0A }, "a line has no tab or newline")
    Fuzz.check(Fuzz.isPrintable(line), "control character in \(line.debugDescription)")
    let overrides = line.unicodeScalars.contains {
        (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
    }
    Fuzz.check(!overrides, "bidirectional override in \(line.debugDescription)")
    Fuzz.check(Sanitize.line(line) == line, "sanitizing twice changes the text")
    return 0
}
