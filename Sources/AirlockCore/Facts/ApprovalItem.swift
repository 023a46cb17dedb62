// The computed `approval` checklist item: recorded approvals against what each environment requires.
import Foundation

/// How far a release is with the approvals one environment requires.
public struct ApprovalProgress: Sendable, Equatable {
    public var environment: String
    /// The approvals that count (one per identity, approvers only), in file order.
    public var approvals: [Approval]
    public var required: Int
    public var done: Bool { approvals.count >= required }
}

extension Facts {
    /// The `approval` item of `release` for entering `environment`.
    public static func approvalItem(_ release: Release?, entering environment: EnvironmentConfig) -> ApprovalProgress {
        ApprovalProgress(
            environment: environment.name, approvals: Rules.approvals(of: release, for: environment),
            required: environment.requiredApprovals)
    }

    /// The `approval` item of `release` for every environment that requires approvals, in pipeline order; the item
    /// is done for the release when each of them is.
    public static func approvalItem(_ release: Release?, pipeline: Pipeline) -> [ApprovalProgress] {
        pipeline.environments.filter { $0.requiredApprovals > 0 }.map { approvalItem(release, entering: $0) }
    }
}
