// Release order: semantic versions, then creation time, then text.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct OrderTests {
    @Test func semverPrecedence() {
        let ordered = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0",
        ]
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            #expect(SemanticVersion(a)! < SemanticVersion(b)!, "\(a) < \(b)")
            #expect(!(SemanticVersion(b)! < SemanticVersion(a)!))
        }
        #expect(SemanticVersion("01.0.0") == nil)
        #expect(SemanticVersion("1.0") == nil)
        #expect(SemanticVersion("v1.0.0") == nil)
        #expect(SemanticVersion("1.0.0+build.5") == SemanticVersion("1.0.0"))
    }

    @Test func fallbackToCreatedAtThenText() {
        let releases = [
            "b": Release(version: "b", createdAt: t0), "a": Release(version: "a", createdAt: t0.addingTimeInterval(10)),
        ]
        #expect(ReleaseOrder.precedes("b", "a", releases: releases))
        #expect(ReleaseOrder.precedes("2.10", "2.9", releases: [:]), "not semver, no created_at: by text")
        #expect(
            ReleaseOrder.sorted(["1.10.0", "1.9.0", "1.0.0-rc.1"], releases: [:]) == ["1.0.0-rc.1", "1.9.0", "1.10.0"])
    }
}
