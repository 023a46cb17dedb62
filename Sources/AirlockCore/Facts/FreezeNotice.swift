// What an environment's freezes mean now: one active, or one starting soon (worth knowing before promoting).
import Foundation

/// A freeze worth showing on an environment.
public enum FreezeNotice: Sendable, Equatable {
    /// Active now (the one that ends last, when several are).
    case active(Freeze)
    /// The next freeze, starting within `Facts.freezeHorizon`.
    case upcoming(Freeze, startsIn: TimeInterval)
}

extension Facts {
    /// How far ahead a coming freeze is shown: a week.
    public static let freezeHorizon: TimeInterval = 7 * 86400

    /// The freeze on `environment` that is active now, else the next one starting within `freezeHorizon`.
    public static func freezeNotice(on environment: String, pipeline: Pipeline, now: Date) -> FreezeNotice? {
        if let active = Rules.activeFreeze(on: environment, pipeline: pipeline, now: now) { return .active(active) }
        let next = pipeline.freezes.filter {
            $0.environments.contains(environment) && $0.from > now && $0.from.timeIntervalSince(now) <= freezeHorizon
        }.min { $0.from < $1.from }
        return next.map { .upcoming($0, startsIn: $0.from.timeIntervalSince(now)) }
    }
}
