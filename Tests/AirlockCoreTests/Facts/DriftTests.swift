// Drift: an environment beside the next one.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct DriftTests {
    @Test func rowsInOrderWithHowEachDiffers() throws {
        let s = pair(from: "1.1.0", to: "1.0.0") {
            $0.environments["staging"]?.flags = [("beta", "on"), ("dark", "off")]
            $0.environments["production"]?.flags = [("dark", "on"), ("old", "x")]
            $0.environments["staging"]?.config = [("pool", "8")]
            $0.environments["production"]?.config = [("pool", "8")]
            $0.environments["staging"]?.schemaVersion = 4
            $0.environments["staging"]?.services = [Service(name: "api", version: "2"), Service(name: "web")]
            $0.environments["production"]?.services = [Service(name: "api", version: "1"), Service(name: "web")]
        }
        let d = try #require(Facts.drift(of: "staging", in: s))
        #expect(d.next == "production")
        #expect(
            d.rows == [
                DriftRow(key: "version", left: "1.1.0", right: "1.0.0"),
                DriftRow(key: "schema_version", left: "4", right: nil),
                DriftRow(key: "health", left: "healthy", right: "healthy"),
                DriftRow(key: "flag beta", left: "on", right: nil),
                DriftRow(key: "flag dark", left: "off", right: "on"),
                DriftRow(key: "flag old", left: nil, right: "x"),
                DriftRow(key: "config pool", left: "8", right: "8"),
            ])
        #expect(d.rows.map(\.change) == [.changed, .removed, .same, .removed, .changed, .added, .same])
        #expect(d.differing == 5)
        #expect(d.serviceVersionsDiffering == 1)
    }

    @Test func noDriftBesideNothing() {
        #expect(Facts.drift(of: "production", in: pair()) == nil)
        #expect(Facts.drift(of: "nowhere", in: pair()) == nil)
        #expect(Facts.drift(of: "staging", in: Snapshot()) == nil)
    }
}

@Suite struct FactsDriftTests {
    @Test func factsSideBySideAfterConfigAndAnyTwoEnvironments() throws {
        var s = pair()
        s.pipeline?.environments[0].facts = [
            EnvironmentFact(name: "data", value: "anonymized production snapshot"),
            EnvironmentFact(name: "url", value: "https://staging.shop.example"),
        ]
        s.pipeline?.environments[1].facts = [
            EnvironmentFact(name: "data", value: "real users"), EnvironmentFact(name: "owner", value: "ops"),
        ]
        let d = try #require(Facts.drift(of: "staging", in: s))
        let facts = d.rows.filter { $0.key.hasPrefix("fact ") }
        #expect(
            facts == [
                DriftRow(key: "fact data", left: "anonymized production snapshot", right: "real users"),
                DriftRow(key: "fact url", left: "https://staging.shop.example", right: nil),
                DriftRow(key: "fact owner", left: nil, right: "ops"),
            ])
        #expect(d.rows.suffix(3) == facts[...])
        let back = try #require(Facts.drift(from: "production", to: "staging", in: s))
        #expect(back.next == "staging")
        #expect(back.rows.first == DriftRow(key: "version", left: "1.0.0", right: "1.1.0"))
        #expect(Facts.drift(from: "staging", to: "nowhere", in: s) == nil)
    }
}
