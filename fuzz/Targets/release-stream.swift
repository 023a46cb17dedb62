import Foundation

@testable import AirlockCore
@testable import AirlockStore

/// The event-stream reader of release files: never a crash, and every file it accepts reads the same through
/// the tree decoder, without problems.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReleaseStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    // The file name's stem is the version the file must name: 2.4.1, as the seed files do.
    guard let streamed = ReleaseStream.decode(bytes, stem: "2.4.1") else { return 0 }
    Fuzz.agreesWithTree(bytes, streamed) { Decoders.release($0, path: "releases/2.4.1.yaml", stem: "2.4.1") }
    return 0
}
