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
        // Known and reported: inside the value of a key it skips (`extra: {a: 1, a: 2}`), the stream reader
        // does not apply the tree reader's refusals (a repeated key, a key that is not text, deep nesting),
        // so the two disagree about such a file. Remove this guard once they agree.
        let skipped = ["duplicate key", "a mapping key must be text", "nested deeper"]
        if skipped.contains(where: error.message.hasPrefix) { return 0 }
        Fuzz.check(false, "the stream reader accepted a file the YAML reader refuses: \(error.message)")
        return 0
    }
    let (tree, problems) = Decoders.environment(node, path: "environments/x.yaml", mtime: nil)
    Fuzz.check(problems.isEmpty, "the stream reader accepted a file with problems: \(problems)")
    Fuzz.check(tree == streamed, "the two readers disagree:\n\(String(describing: tree))\n\(streamed)")
    return 0
}
