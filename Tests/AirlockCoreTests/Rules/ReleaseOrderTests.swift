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

    /// MAJOR.MINOR.PATCH read from its bytes must read exactly what the general parser reads, and decline the rest.
    @Test func theQuickReaderOfPlainVersionsAgreesWithTheGeneralOne() {
        let fixed = [
            "1.2.3", "0.0.0", "10.20.30", "01.2.3", "1.02.3", "1.2.03", "1.2", "1.2.3.4", "1..3", ".1.2", "1.2.",
            "18446744073709551615.0.0", "18446744073709551616.0.0", "99999999999999999999.1.1", "1.2.3-rc.1",
            "1.2.3+b", "v1.2.3", "1.2.3 ", "", "0.0.00", "١.٢.٣",
        ]
        // Seeded strings of digits and dots, the alphabet the quick reader takes.
        var state: UInt64 = 0x5EED_5E3F_1123_0001
        var generated: [String] = []
        for _ in 0..<5000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for k in 0..<Int(state >> 60) {
                let pick = (state >> UInt64(k * 3 % 56)) & 7
                text += pick < 2 ? "." : String(pick == 2 ? 0 : pick)
            }
            generated.append(text)
        }
        var quick = 0
        for text in fixed + generated {
            let general = SemanticVersion(general: text)
            if let fast = SemanticVersion.plainCore(text) {
                quick += 1
                #expect(fast == general, "\(text)")
            } else if text.utf8.allSatisfy({ $0 == 0x2E || ($0 >= 0x30 && $0 <= 0x39) }) {
                #expect(general == nil, "the quick reader declined \(text), which parses")
            }
            #expect(SemanticVersion(text) == general, "\(text)")
        }
        #expect(quick > 100, "the generated strings reach the quick reader (\(quick))")
        #expect(SemanticVersion.plainCore("18446744073709551615.0.0")?.major == UInt64.max)
    }
}
