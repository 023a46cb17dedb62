// Which names may become file stems (versions, environments, checklist items): none can leave the root.
import Foundation

/// Names that are safe as file stems: they cannot leave the root.
public enum Names {
    public static func isValidVersion(_ s: String) -> Bool {
        guard let first = s.utf8.first, s.utf8.count <= 64, isAlnum(first) else { return false }
        return s.utf8.allSatisfy { isAlnum($0) || $0 == 46 || $0 == 95 || $0 == 43 || $0 == 45 }
    }

    public static func isValidEnvironment(_ s: String) -> Bool {
        guard let first = s.utf8.first, s.utf8.count <= 32, isLowerOrDigit(first) else { return false }
        return s.utf8.allSatisfy { isLowerOrDigit($0) || $0 == 45 }
    }

    public static func isValidItem(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 64 else { return false }
        return s.utf8.allSatisfy { isAlnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }
    private static func isLowerOrDigit(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 97 && c <= 122) }
}
