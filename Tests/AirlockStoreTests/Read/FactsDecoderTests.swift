// Reading an environment's `facts:` from airlock.yaml: a flat map of text, in file order.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct FactsDecoderTests {
    @Test func factsReadInFileOrderAsText() throws {
        let root = TempRoot([
            "airlock.yaml": """
            pipeline: p
            environments:
              - name: staging
                facts:
                  data: anonymized production snapshot
                  url: https://staging.shop.example
                  replicas: 3
                  public: false
              - name: production
            """
        ])
        let snap = root.load()
        #expect(snap.problems.isEmpty)
        let facts = try #require(snap.pipeline?.environment(named: "staging")?.facts)
        #expect(facts.map(\.name) == ["data", "url", "replicas", "public"])
        #expect(facts.map(\.value) == ["anonymized production snapshot", "https://staging.shop.example", "3", "false"])
        #expect(snap.pipeline?.environment(named: "production")?.facts == [])
    }
}
