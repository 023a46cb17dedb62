// What `update` asks the runtime to do: the only way the pure logic reaches the terminal, the files or threads.

import Foundation

public enum Effect: Equatable, Sendable {
    case quit
    case repaint
    case perform(Action)
    /// Load and apply the theme `update` chose (`AppState.themeName`); the result comes back as `themeChanged`.
    case nextTheme
    /// Read the audit log for the log view until it holds `want` entries (new lines first).
    case readLog(want: Int)
    /// Read every pipeline's audit log for the fleet's log view, until the merge holds `want` entries.
    case readFleetLog(want: Int)
    /// Ask the store what a rollback of the environment may return to (it reads the audit log backwards).
    case findRollback(environment: String)
    /// Read the delivery metrics of the period off the main loop (the whole audit log); they come back as
    /// `statsRead`.
    case readStats(since: Date, now: Date)
}
