// A release's author (`created_by`) as read from its file.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite struct ReleaseAuthorTests {
    let pipeline = "pipeline: p\nenvironments:\n  - name: qa\n"

    @Test func theAuthorIsRead() {
        let snap = TempRoot([
            "airlock.yaml": pipeline, "releases/1.0.0.yaml": "version: 1.0.0\ncreated_by: dana\n",
        ]).load()
        #expect(snap.releases["1.0.0"]?.createdBy == "dana")
        #expect(snap.problems.isEmpty, "\(snap.problems)")
    }

    @Test func anAuthorThatIsNotTextIsAProblemWithItsLine() {
        let snap = TempRoot([
            "airlock.yaml": pipeline, "releases/1.0.0.yaml": "version: 1.0.0\ncreated_by: [a, b]\n",
        ]).load()
        #expect(snap.releases["1.0.0"]?.createdBy == nil)
        #expect(snap.problems.contains { $0.path == "releases/1.0.0.yaml" && $0.line == 2 }, "\(snap.problems)")
    }
}
