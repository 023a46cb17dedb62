// Everything that can change the dashboard's state: keys, file reads, time, and the results of background work.

import AirlockCore
import AirlockStore
import Foundation

public enum Msg: Sendable {
    case key(Key)
    case loaded(Snapshot, at: Date)
    /// A fleet root was read (the fleet screen's `loaded`).
    case fleetLoaded(Fleet, at: Date)
    /// The files were looked at and nothing had changed (the title bar's "read … ago" still moves).
    case readUnchanged(at: Date)
    case tick(Date)
    case resize(width: Int, height: Int)
    case actionDone(message: String, isError: Bool)
    /// An action has waited a second for the root's lock: whom it waits for.
    case lockWait(String)
    /// The theme `update` chose was loaded (or could not be: `error` says why).
    case themeChanged(name: String, error: String?)
    case watchMode(WatchMode)
    /// Background git sync runs for this root (SPEC "Sharing the root through git").
    case syncStarted
    /// A background git sync finished (SPEC "Sharing the root through git").
    case synced(at: Date, error: String?)
    /// News for the status line from outside `update` (quitting waits for a hook, the demo, a theme warning).
    case notice(String, isError: Bool)
    /// The log view's entries, read from the end of the audit log as far as it needs.
    case logRead(AuditPage)
    /// The fleet's merged log view's entries, read from the end of every pipeline's audit log.
    case fleetLogRead(FleetLogPage)
    /// What a rollback of an environment may return to, read from the audit log by the store.
    case rollbackChoices(RollbackChoices)
    /// The delivery-metrics view's figures.
    case statsRead(StatsPage)
}
