// The runtime on a fleet root: reading the fleet, the folder actions and reads go to (the pipeline acted on), and
// the merged audit log.

import AirlockCore
import AirlockStore
import Foundation

/// What the dashboard reads: one pipeline root, or a fleet root (every pipeline folder in it).
enum DashboardSource {
    case pipeline(RootLoader)
    case fleet(FleetLoader)
}

extension DashboardLoop {
    /// The root actions, rollback choices and the log view go to: the pipeline root, or on a fleet root the folder
    /// of the pipeline acted on (nil when there is none).
    var actionRoot: String? {
        guard case .fleet = source else { return root }
        return state.actingFolder.map { root + "/" + $0 }
    }

    /// The store for `actionRoot`, telling lock waits as the dashboard's store does.
    func actionStore() -> Store? {
        guard let target = actionRoot else { return nil }
        guard target != store.root else { return store }
        var s = Store(root: target)
        s.lockTimeout = store.lockTimeout
        s.onLockWait = store.onLockWait
        s.giveUpWaitingForLock = store.giveUpWaitingForLock
        return s
    }

    /// Reads the fleet again (`changed`: fleet-relative paths, nil for everything) and hands it to `update`.
    func reloadFleet(_ changed: Set<String>?) {
        guard case .fleet(let loader) = source else { return }
        let fleet = Self.loadFleet(loader, changed: changed)
        let now = Date()
        if fleet != state.fleet?.fleet {
            send(.fleetLoaded(fleet, at: now))
        } else {
            send(.readUnchanged(at: now), redraw: false)
        }
    }

    /// The one place the fleet is read while running. `changed` names the fleet-relative paths inotify reported
    /// (nil: everything); the loader re-reads only the pipelines, and within them the files, those paths name.
    static func loadFleet(_ loader: FleetLoader, changed: Set<String>?) -> Fleet {
        loader.load(changed: changed)
    }

    /// Every pipeline's audit log read from its end until the merge holds `want` entries (or each log's start).
    func readFleetLog(want: Int) -> FleetLogPage {
        guard let f = state.fleet else { return FleetLogPage() }
        return Self.readFleetLog(f.log, fleet: f.fleet, root: root, want: want, filter: f.filter)
    }

    /// `previous` brought up to date and read back until the merge holds `want` entries: each pipeline's log from
    /// its end (a pipeline whose name matches `filter` shows all its lines; the others only lines that match).
    static func readFleetLog(_ previous: FleetLogPage?, fleet: Fleet, root: String, want: Int, filter: String)
        -> FleetLogPage
    {
        var page = previous ?? FleetLogPage()
        var names: [String: String] = [:]
        var pages: [String: AuditPage] = [:]
        for m in fleet.members {
            names[m.folder] = m.name
            let whole = filter.isEmpty || m.name.localizedCaseInsensitiveContains(filter)
            let matches: (AuditEntry) -> Bool = { e in
                whole
                    || [e.version, e.actor, e.environment ?? ""].contains {
                        $0.localizedCaseInsensitiveContains(filter)
                    }
            }
            pages[m.folder] = AuditPager.read(
                page.pages[m.folder], root: root + "/" + m.folder, want: want, filter: filter, matches: matches)
        }
        page.pages = pages
        page.merge(names: names)
        return page
    }
}
