// The computed approval item.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct ApprovalItemTests {
    let production = env("production") {
        $0.approvers = ["alice", "bob"]
        $0.requiredApprovals = 2
    }

    @Test func countsApproversOncePerIdentityForTheEnvironment() {
        let release = Release(
            version: "1.1.0",
            approvals: [
                Approval(by: "alice", environment: "production"), Approval(by: "alice", environment: "production"),
                Approval(by: "mallory", environment: "production"), Approval(by: "bob", environment: "staging"),
            ])
        let item = Facts.approvalItem(release, entering: production)
        #expect(item.approvals.map(\.by) == ["alice"])
        #expect(item.required == 2 && !item.done)
        var both = release
        both.approvals.append(Approval(by: "bob", environment: "production"))
        #expect(Facts.approvalItem(both, entering: production).done)
        #expect(!Facts.approvalItem(nil, entering: production).done)
    }

    @Test func onlyEnvironmentsThatRequireApprovalsInPipelineOrder() {
        let qa = env("qa") {
            $0.approvers = ["carol"]
            $0.requiredApprovals = 1
        }
        let pipeline = Pipeline(name: "p", environments: [qa, env("staging"), production])
        let items = Facts.approvalItem(Release(version: "1"), pipeline: pipeline)
        #expect(items.map(\.environment) == ["qa", "production"])
        #expect(items.map(\.required) == [1, 2])
    }
}
