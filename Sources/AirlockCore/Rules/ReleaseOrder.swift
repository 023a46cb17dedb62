// Release order: Semantic Versioning precedence, else creation time, as the SPEC orders releases.
/// Semantic Versioning 2.0.0 precedence, and the release order of the SPEC.
public struct SemanticVersion: Sendable, Equatable, Comparable {
    public var major: UInt64
    public var minor: UInt64
    public var patch: UInt64
    public var prerelease: [String]

    /// Parses `MAJOR.MINOR.PATCH[-PRE][+BUILD]` strictly (no leading zeros, no `v`).
    public init?(_ text: String) {
        if let plain = Self.plainCore(text) {
            self = plain
            return
        }
        self.init(general: text)
    }

    init(major: UInt64, minor: UInt64, patch: UInt64, prerelease: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
    }

    /// The common `MAJOR.MINOR.PATCH` alone, read from its bytes (the rules compare versions all the time);
    /// nil for anything else, which the general parser reads.
    static func plainCore(_ text: String) -> SemanticVersion? {
        var parts: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var index = 0
        var value: UInt64 = 0
        var digits = 0
        var leadingZero = false
        func close() -> Bool {
            guard digits > 0, !(leadingZero && digits > 1) else { return false }
            switch index {
            case 0: parts.0 = value
            case 1: parts.1 = value
            case 2: parts.2 = value
            default: return false
            }
            index += 1
            (value, digits) = (0, 0)
            return true
        }
        for b in text.utf8 {
            if b == UInt8(ascii: ".") {
                guard close() else { return nil }
                continue
            }
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            if digits == 0 { leadingZero = b == UInt8(ascii: "0") }
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(UInt64(b - UInt8(ascii: "0")))
            guard !overflowA && !overflowB else { return nil }
            (value, digits) = (sum, digits + 1)
        }
        guard close(), index == 3 else { return nil }
        return SemanticVersion(major: parts.0, minor: parts.1, patch: parts.2)
    }

    init?(general text: String) {
        var rest = Substring(text)
        if let plus = rest.firstIndex(of: "+") {
            let build = rest[rest.index(after: plus)...]
            guard !build.isEmpty,
                build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(Self.isIdentifier)
            else { return nil }
            rest = rest[..<plus]
        }
        var pre: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            let p = rest[rest.index(after: dash)...]
            let parts = p.split(separator: ".", omittingEmptySubsequences: false)
            guard !p.isEmpty, parts.allSatisfy(Self.isIdentifier) else { return nil }
            for part in parts where part.allSatisfy(\.isASCIIDigit) && part.count > 1 && part.first == "0" {
                return nil
            }
            pre = parts.map(String.init)
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3 else { return nil }
        var nums: [UInt64] = []
        for c in core {
            guard !c.isEmpty, c.allSatisfy(\.isASCIIDigit), !(c.count > 1 && c.first == "0"), let n = UInt64(c) else {
                return nil
            }
            nums.append(n)
        }
        major = nums[0]
        minor = nums[1]
        patch = nums[2]
        prerelease = pre
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
            case (let p?, let q?): return p < q
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

    /// Releases sorted oldest first. `precedes` compares two releases as the SPEC says, but mixing semantic
    /// versions with other names can make it circular (2.4.0 < 2.10.0 < b < 2.4.0 by dates), which no sort can
    /// follow; a list therefore puts the other names first (dated ones by `created_at`, then undated ones, each by
    /// text), then the semantic versions by precedence: a total order, the SPEC's wherever that is not circular.
    public static func sorted(_ versions: [String], releases: [String: Release]) -> [String] {
        let parsed = versions.map { (version: $0, semver: SemanticVersion($0)) }
        let others = parsed.filter { $0.semver == nil }.map {
            (version: $0.version, date: releases[$0.version]?.createdAt)
        }
        .sorted { a, b in
            switch (a.date, b.date) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.version < b.version
            }
        }
        .map(\.version)
        let semantic = parsed.compactMap { p in p.semver.map { (p.version, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map(\.0)
        return others + semantic
    }
}
