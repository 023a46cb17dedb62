import Foundation

@testable import AirlockCore

/// Semantic versions and the release order on arbitrary text: parsing never crashes and the order is a
/// strict weak order (irreflexive, asymmetric, transitive), so sorting releases is well defined.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSemver(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: Fuzz.bytes(data, size), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
    let versions = parts.compactMap { SemanticVersion($0) }
    // The quick reader of MAJOR.MINOR.PATCH reads only what the general parser reads, and the same.
    for part in parts {
        if let quick = SemanticVersion.plainCore(part) {
            Fuzz.check(quick == SemanticVersion(general: part), "the quick reader differs on \(part)")
        }
    }
    for a in versions {
        Fuzz.check(!(a < a), "\(a) < itself")
        for b in versions {
            if a < b { Fuzz.check(!(b < a), "\(a) and \(b) each before the other") }
            for c in versions where a < b && b < c { Fuzz.check(a < c, "\(a) < \(b) < \(c) but not \(a) < \(c)") }
        }
    }
    let releases = Dictionary(parts.map { ($0, Release(version: $0)) }, uniquingKeysWith: { a, _ in a })
    // A list of releases has one order whatever order they came in (sorting needs a total order).
    let sorted = ReleaseOrder.sorted(parts, releases: releases)
    Fuzz.check(sorted.count == parts.count, "sorting keeps every version")
    Fuzz.check(sorted == ReleaseOrder.sorted(parts.reversed(), releases: releases), "sorting depends on input order")
    // The SPEC's pairwise order is a strict weak order among versions of one kind (mixing semantic versions
    // with other names can make it circular; `sorted` above does not rely on it).
    guard Set(parts.map { SemanticVersion($0) != nil }).count <= 1 else { return 0 }
    for a in parts {
        Fuzz.check(!ReleaseOrder.precedes(a, a, releases: releases), "\(a) precedes itself")
        for b in parts where ReleaseOrder.precedes(a, b, releases: releases) {
            Fuzz.check(!ReleaseOrder.precedes(b, a, releases: releases), "\(a) and \(b) each precede the other")
            for c in parts where ReleaseOrder.precedes(b, c, releases: releases) {
                Fuzz.check(
                    ReleaseOrder.precedes(a, c, releases: releases),
                    "release order not transitive: \(a) \(b) \(c)")
            }
        }
    }
    for (x, y) in zip(sorted, sorted.dropFirst()) {
        Fuzz.check(!ReleaseOrder.precedes(y, x, releases: releases), "sorted order: \(y) precedes \(x)")
    }
    return 0
}
