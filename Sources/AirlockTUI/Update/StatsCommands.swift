// The delivery-metrics view (`I`): opened with a read of the whole audit log off the main loop; its result.

import AirlockCore
import Foundation

extension Update {
    /// The period the view covers: the 30 days up to now (`airlock stats` without --since).
    static let statsPeriod: TimeInterval = 30 * 86400

    static func openStats(_ s: inout AppState) -> [Effect] {
        guard s.pipeline != nil else {
            s.say("no pipeline to measure (airlock check names the problem)", error: true)
            return []
        }
        s.overlays.append(.stats(scroll: 0))
        s.statsPage = .reading
        let now = TimeFormat.wholeSeconds(s.now)
        return [.readStats(since: now.addingTimeInterval(-statsPeriod), now: now)]
    }

    /// The figures arrive: kept only while the view is open (closing it drops them).
    static func statsRead(_ s: inout AppState, _ page: StatsPage) {
        guard s.overlays.contains(where: { if case .stats = $0 { true } else { false } }) else { return }
        s.statsPage = page
    }
}
