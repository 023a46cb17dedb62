import Foundation

@testable import AirlockCore

/// Timestamps and durations on arbitrary text: parsing never crashes, a parsed time formats to text that
/// parses back to the same whole second, and a duration is finite and not negative.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTime(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: Fuzz.bytes(data, size), as: UTF8.self)
    if let date = TimeFormat.parseTimestamp(text) {
        let formatted = TimeFormat.formatTimestamp(date)
        Fuzz.check(
            TimeFormat.parseTimestamp(formatted) == TimeFormat.wholeSeconds(date),
            "\(text) -> \(formatted) does not read back")
        _ = TimeFormat.formatShort(date)
        _ = TimeFormat.formatAge(date.timeIntervalSince1970)
    }
    if let seconds = TimeFormat.parseDuration(text) {
        Fuzz.check(seconds.isFinite && seconds >= 0, "duration \(text) is \(seconds)")
        _ = TimeFormat.formatAge(seconds)
    }
    return 0
}
