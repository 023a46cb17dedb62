import Foundation

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
}
