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
    let node: YNode?
    do {
        node = try YAMLReader.parse(bytes)
    } catch {
        Fuzz.check(false, "the stream reader accepted a file the YAML reader refuses: \(error.message)")
        return 0
    }
    let (tree, problems) = Decoders.release(node, path: "releases/2.4.1.yaml", stem: "2.4.1")
    Fuzz.check(problems.isEmpty, "the stream reader accepted a file with problems: \(problems)")
    Fuzz.check(tree == streamed, "the two readers disagree:\n\(String(describing: tree))\n\(streamed)")
    return 0
}
