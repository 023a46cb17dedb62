// Names from airlock.yaml that reach git's command line: nothing git could read as an option or a path trick.
import Foundation

enum GitNames {
    /// A remote: a configured name or a URL, never starting with '-' and without control characters or spaces.
    static func isSafeRemote(_ s: String) -> Bool {
        !s.isEmpty && s.first != "-" && s.utf8.count <= 1024
            && s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }
    }

    /// A branch: what `git check-ref-format --branch` accepts, more strictly (letters, digits, `._/-`), never
    /// starting with '-' or '.', without `..`, `//` or a trailing '/' or `.lock`.
    static func isSafeBranch(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 255, s.first != "-", s.first != ".", s.first != "/", s.last != "/",
            !s.contains(".."), !s.contains("//"), !s.hasSuffix(".lock"), s != "HEAD"
        else { return false }
        return s.unicodeScalars.allSatisfy {
            $0.isASCII
                && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                    || "._/-".unicodeScalars.contains($0))
        }
    }
}
