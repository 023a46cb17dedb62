import Foundation

@testable import AirlockCore
@testable import AirlockStore

/// What every fuzz target shares: the input as bytes, and a check that stops the run (libFuzzer saves the
/// input as a crash) when a promise is broken.
enum Fuzz {
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if condition { return }
        FileHandle.standardError.write(Data(("broken promise: " + message() + "\n").utf8))
        abort()
    }

    /// No C0 or C1 control character other than newline and tab, no DEL.
    static func isPrintable(_ s: String, allowNewline: Bool = false) -> Bool {
        s.unicodeScalars.allSatisfy { u in
            let v = u.value
            if v == 0x09 || (allowNewline && v == 0x0A) { return true }
            return !(v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0))
        }
    }

    /// A stream decoder's value for a file it accepted, held to the tree decoder's: the YAML reader reads the file,
    /// the tree decoder finds no problem in it and reads the same value.
    static func agreesWithTree<T: Equatable>(_ bytes: [UInt8], _ streamed: T, _ decode: (YNode?) -> (T?, [Problem])) {
        let node: YNode?
        do {
            node = try YAMLReader.parse(bytes)
        } catch {
            check(false, "the stream reader accepted a file the YAML reader refuses: \(error.message)")
            return
        }
        let (tree, problems) = decode(node)
        check(problems.isEmpty, "the stream reader accepted a file with problems: \(problems)")
        check(tree == streamed, "the two readers disagree:\n\(String(describing: tree))\n\(streamed)")
    }
}
