// What the stream readers' tests share: a root from bench/generate.py, and seeded mangled copies of a file.
import AirlockTestSupport
import Foundation
import Testing

/// A root made by bench/generate.py with `arguments` (`--envs 4 ...`) in a fresh temporary folder; the caller
/// removes it.
func generatedRoot(_ arguments: [String]) throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-gen-\(UUID().uuidString)").path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", repositoryRoot() + "/bench/generate.py", root] + arguments
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    return root
}

/// `count` copies of `text`, each with `changes` bytes replaced by one of `alphabet`'s, drawn from `rng`.
func mangledCopies(
    of text: String, count: Int, changes: Int, alphabet: String, rng: inout FuzzTests.XorShift
) -> [String] {
    let choices = Array(alphabet.utf8)
    return (0..<count).map { _ in
        var bytes = Array(text.utf8)
        for _ in 0..<changes {
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[i] = choices.randomElement(using: &rng) ?? 0x20
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
