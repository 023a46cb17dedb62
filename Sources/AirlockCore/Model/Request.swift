// Desired state: a promotion or rollback request, promotions/NAME.yaml.
import Foundation

public enum RequestKind: String, Sendable, Codable, CaseIterable {
    case promotion, rollback
}

/// Desired state: `promotions/NAME.yaml`.
public struct PromotionRequest: Sendable, Equatable {
    public var version: String
    public var from: String?
    public var kind: RequestKind
    public var requestedBy: String
    public var requestedAt: Date
    public var reason: String?
    public init(
        version: String, from: String?, kind: RequestKind, requestedBy: String, requestedAt: Date, reason: String? = nil
    ) {
        self.version = version
        self.from = from
        self.kind = kind
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.reason = reason
    }
}
