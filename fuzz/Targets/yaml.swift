import Foundation

@testable import AirlockCore
@testable import AirlockStore

/// The YAML reader and every decoder on arbitrary bytes: a value or problems with their path, never a crash;
/// problems name their file and a line inside it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    let node: YNode?
    do {
        node = try YAMLReader.parse(bytes)
    } catch {
        Fuzz.check(!error.message.isEmpty, "a read error has a message")
        return 0
    }
    let lines = bytes.count + 2
    var problems: [Problem] = []
    problems += Decoders.pipeline(node, path: "airlock.yaml").1
    problems += Decoders.environment(node, path: "environments/x.yaml", mtime: nil).1
    problems += Decoders.release(node, path: "releases/1.0.0.yaml", stem: "1.0.0").1
    problems += Decoders.promotion(node, path: "promotions/x.yaml").1
    let fleet = FleetFile.decode(bytes)
    problems += fleet.problems + fleet.unknownNames([])
    for p in problems {
        Fuzz.check(!p.message.isEmpty && !p.path.isEmpty, "a problem names its file and says what is wrong")
        Fuzz.check((p.line ?? 1) >= 1 && (p.line ?? 1) <= lines, "line \(p.line ?? 0) lies inside the file")
    }
    return 0
}
