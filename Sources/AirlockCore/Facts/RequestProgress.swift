// Whether a promotion or rollback request is carried out, judged against what the environment reports.
import Foundation

/// A request against what its environment reports: done once the environment runs the requested version.
public enum RequestProgress: String, Sendable, Equatable, CaseIterable {
    case done
    case inProgress = "in-progress"
}

extension Facts {
    /// Whether `request` is carried out: `observed` (the environment's report) runs the requested version.
    public static func progress(of request: PromotionRequest, observed: EnvironmentStatus?) -> RequestProgress {
        observed?.version == request.version ? .done : .inProgress
    }

    /// The request on `environment` and its progress, when there is one.
    public static func request(
        on environment: String, in snapshot: Snapshot
    ) -> (request: PromotionRequest, progress: RequestProgress)? {
        guard let request = snapshot.promotions[environment] else { return nil }
        return (request, progress(of: request, observed: snapshot.environments[environment]))
    }
}
