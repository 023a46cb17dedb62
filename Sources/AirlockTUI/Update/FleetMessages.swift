// A fleet read from disk: the matrix takes it, the pipeline acted on or open takes its new snapshot (or, gone from
// the fleet, the matrix comes back and says so), and an open log view reads what was appended.

import AirlockCore
import Foundation

extension Update {
    static func fleetLoaded(_ s: inout AppState, _ fleet: Fleet, at: Date) -> [Effect] {
        guard s.fleet != nil else { return [] }
        s.fleet?.fleet = fleet
        s.lastRead = at
        s.now = max(s.now, at)
        if let folder = s.fleet?.acting, s.fleet?.member(folder: folder) == nil {
            let name = s.pipeline?.name ?? folder
            // The pipeline acted on left the fleet: nothing of it stays open.
            let wasOpen = s.fleet?.open == true
            s.fleet?.open = false
            s.overlays = s.overlays.filter(\.isFleetView)
            s.logPage = nil
            if wasOpen { s.say("\(name) is no longer in the fleet", error: true) }
        }
        s.takeActing(s.fleet?.acting)
        keepCursor(&s)
        guard case .log(let scroll)? = s.overlays.last else { return [] }
        if s.onFleetMatrix {
            return [.readFleetLog(want: max(s.fleet?.log?.entries.count ?? 0, s.logWant(scroll: scroll)))]
        }
        return [.readLog(want: max(s.logPage?.entries.count ?? 0, s.logWant(scroll: scroll)))]
    }
}

extension Overlay {
    /// A view of the fleet matrix itself (not of the pipeline acted on).
    var isFleetView: Bool {
        switch self {
        case .help, .log, .filter, .jump: return true
        case .details, .checklist, .drift, .confirm, .pickRollback, .stats: return false
        }
    }
}
