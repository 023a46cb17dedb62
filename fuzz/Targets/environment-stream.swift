import Foundation

@testable import AirlockCore
@testable import AirlockStore

/// The event-stream reader of environment files: never a crash, and every file it accepts reads the same
/// through the tree decoder, without problems.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvironmentStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let streamed = EnvironmentStream.decode(bytes, mtime: nil) else { return 0 }
    let node: YNode?
    do {
        node = try YAMLReader.parse(bytes)
    } catch {
        Fuzz.check(false, "the stream reader accepted a file the YAML reader refuses: \(error.message)")
        return 0
    }
    let (tree, problems) = Decoders.environment(node, path: "environments/x.yaml", mtime: nil)
    Fuzz.check(problems.isEmpty, "the stream reader accepted a file with problems: \(problems)")
    Fuzz.check(tree == streamed, "the two readers disagree:\n\(String(describing: tree))\n\(streamed)")
    return 0
}
