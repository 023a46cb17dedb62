// A request's progress against what its environment reports.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct RequestProgressTests {
    let request = PromotionRequest(
        version: "1.1.0", from: "staging", kind: .promotion, requestedBy: "alice", requestedAt: t0)

    @Test func doneOnceTheEnvironmentRunsTheRequestedVersion() {
        #expect(Facts.progress(of: request, observed: status("1.1.0")) == .done)
        #expect(Facts.progress(of: request, observed: status("1.0.0")) == .inProgress)
        #expect(Facts.progress(of: request, observed: nil) == .inProgress)
        #expect(RequestProgress.inProgress.rawValue == "in-progress")
    }

    @Test func theRequestOnAnEnvironmentComesWithItsProgress() {
        let s = pair { $0.promotions["production"] = request }
        #expect(Facts.request(on: "production", in: s)?.progress == .inProgress)
        #expect(Facts.request(on: "staging", in: s) == nil)
        let done = pair(to: "1.1.0") { $0.promotions["production"] = request }
        #expect(Facts.request(on: "production", in: done)?.progress == .done)
    }
}
