import Foundation

@testable import AirlockCore
@testable import AirlockStore

/// The event-stream reader of environment files: never a crash, and every file it accepts reads the same
/// through the tree decoder, without problems.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvironmentStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let streamed = EnvironmentStream.decode(bytes, mtime: nil) else { return 0 }
    Fuzz.agreesWithTree(bytes, streamed) { Decoders.environment($0, path: "environments/x.yaml", mtime: nil) }
    return 0
}
