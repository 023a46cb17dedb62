/// Semantic Versioning 2.0.0 precedence, and the release order of the SPEC.
public struct SemanticVersion: Sendable, Equatable, Comparable {
    public var major: UInt64
    public var minor: UInt64
    public var patch: UInt64
    public var prerelease: [String]

    /// Parses `MAJOR.MINOR.PATCH[-PRE][+BUILD]` strictly (no leading zeros, no `v`).
    public init?(_ text: String) {
        var rest = Substring(text)
        if let plus = rest.firstIndex(of: "+") {
            let build = rest[rest.index(after: plus)...]
            guard !build.isEmpty, build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(Self.isIdentifier)
            else { return nil }
            rest = rest[..<plus]
        }
        var pre: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            let p = rest[rest.index(after: dash)...]
            let parts = p.split(separator: ".", omittingEmptySubsequences: false)
            guard !p.isEmpty, parts.allSatisfy(Self.isIdentifier) else { return nil }
            for part in parts where part.allSatisfy(\.isASCIIDigit) && part.count > 1 && part.first == "0" { return nil }
            pre = parts.map(String.init)
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3 else { return nil }
        var nums: [UInt64] = []
        for c in core {
            guard !c.isEmpty, c.allSatisfy(\.isASCIIDigit), !(c.count > 1 && c.first == "0"), let n = UInt64(c) else { return nil }
            nums.append(n)
        }
        major = nums[0]; minor = nums[1]; patch = nums[2]; prerelease = pre
    }

    private static func isIdentifier(_ s: Substring) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        if a.major != b.major { return a.major < b.major }
        if a.minor != b.minor { return a.minor < b.minor }
        if a.patch != b.patch { return a.patch < b.patch }
        if a.prerelease.isEmpty || b.prerelease.isEmpty {
            return !a.prerelease.isEmpty && b.prerelease.isEmpty
        }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            let xn = x.allSatisfy(\.isASCIIDigit) ? UInt64(x) : nil
            let yn = y.allSatisfy(\.isASCIIDigit) ? UInt64(y) : nil
            switch (xn, yn) {
            case let (p?, q?): return p < q
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x < y
            }
        }
        return a.prerelease.count < b.prerelease.count
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

public enum ReleaseOrder {
    /// True when release `a` comes before release `b`: semver precedence when both parse,
    /// otherwise by `created_at` (when both releases have one), then by version text.
    public static func precedes(_ a: String, _ b: String, releases: [String: Release]) -> Bool {
        if let x = SemanticVersion(a), let y = SemanticVersion(b), x != y { return x < y }
        if let x = releases[a]?.createdAt, let y = releases[b]?.createdAt, x != y { return x < y }
        return a < b
    }

    /// Releases sorted oldest first.
    public static func sorted(_ versions: [String], releases: [String: Release]) -> [String] {
        versions.sorted { precedes($0, $1, releases: releases) }
    }
}
