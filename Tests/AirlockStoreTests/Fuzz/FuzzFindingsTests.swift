// What the fuzz targets found, kept as regression tests: a duration too long to format, a time that rounds out
// of RFC 3339's years, a release order that mixes kinds, and a skipped value the two environment readers judged
// differently.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct FuzzFindingsTests {
    @Test func anAbsurdDurationIsAProblemNotACrash() {
        #expect(TimeFormat.parseDuration("99999999999999999999999d") == nil)
        #expect(TimeFormat.parseDuration("36500d") == TimeFormat.maxDuration)
        #expect(TimeFormat.formatAge(1e300) == TimeFormat.formatAge(TimeFormat.maxDuration * 100))
        #expect(TimeFormat.formatAge(.nan) == "0s")
    }

    @Test func aTimeThatRoundsPastYear9999IsNotATime() {
        #expect(TimeFormat.parseTimestamp("9999-12-31T23:59:59.9999999Z") == nil)
        #expect(TimeFormat.parseTimestamp("9999-12-31T23:30:00-01:00") == nil)
        #expect(TimeFormat.parseTimestamp("0000-01-01T00:30:00+01:00") == nil)
        let last = TimeFormat.parseTimestamp("9999-12-31T23:59:59Z")
        #expect(last.map(TimeFormat.formatTimestamp) == "9999-12-31T23:59:59Z")
    }

    @Test func sortingMixedReleaseNamesIsATotalOrder() {
        let names = ["2.4.0", "2.10.0", "2.3.0_rc.1", "hotfix", "1.0.0"]
        let releases = Dictionary(uniqueKeysWithValues: names.map { ($0, Release(version: $0)) })
        let sorted = ReleaseOrder.sorted(names, releases: releases)
        #expect(sorted == ["2.3.0_rc.1", "hotfix", "1.0.0", "2.4.0", "2.10.0"])
        let seed: UInt64 = 42
        print("FuzzFindingsTests shuffles seed: \(seed)")
        var rng = FuzzTests.XorShift(state: seed)
        for _ in 0..<50 {
            #expect(ReleaseOrder.sorted(names.shuffled(using: &rng), releases: releases) == sorted)
        }
    }

    @Test func aSkippedValueTheTreeReaderRefusesIsLeftToIt() {
        for text in [
            "version: 1.0.0\nextra: {a: 1, a: 2}\n", "version: 1.0.0\nextra: {[1]: x}\n",
            "version: 1.0.0\nextra:\n  - {b: 1, b: 1}\n", "version: 1.0.0\nextra: {<<: {a: 1}}\n",
        ] {
            #expect(EnvironmentStream.decode(Array(text.utf8), mtime: nil) == nil, "\(text)")
        }
        // A skipped value the tree reader accepts stays on the fast path.
        let fine = "version: 1.0.0\nextra: {a: 1, b: [1, {c: 2}], d: {a: 1}}\n"
        #expect(EnvironmentStream.decode(Array(fine.utf8), mtime: nil)?.version == "1.0.0")
        let root = shopRoot()
        root.write("environments/qa.yaml", "version: 2.4.1\nextra: {a: 1, a: 2}\n")
        #expect(
            root.load().problems.contains {
                $0.path == "environments/qa.yaml" && $0.message.contains("duplicate key a")
            })
    }
}
