// What the key bar and the help screen list: today's entries, kept in this one file until the keymap supplies them.

/// A key and what it does, as the key bar shows it ("p promote").
public struct KeyHint: Equatable, Sendable {
    public var key: String
    public var label: String

    public init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }
}

/// A help screen row: the keys and the longer explanation.
public struct HelpEntry: Equatable, Sendable {
    public var keys: String
    public var text: String

    public init(_ keys: String, _ text: String) {
        self.keys = keys
        self.text = text
    }
}

/// The key bar for the view on top: the main screen's keys, or the top overlay's.
func keyBarHints(for state: AppState) -> [KeyHint] {
    guard let top = state.overlays.last else {
        return [
            KeyHint("p", "promote"), KeyHint("a", "approve"), KeyHint("c", "checklist"), KeyHint("r", "rollback"),
            KeyHint("⏎", "details"), KeyHint("L", "log"), KeyHint("d", "drift"), KeyHint("/", "filter"),
            KeyHint("t", "theme"), KeyHint("?", "help"), KeyHint("q", "quit"),
        ]
    }
    switch top {
    case .confirm(let c):
        return c.typeToConfirm != nil
            ? [KeyHint("type", "the name"), KeyHint("⏎", "confirm"), KeyHint("Esc", "cancel")]
            : [KeyHint("y", "confirm"), KeyHint("n/Esc", "cancel")]
    case .filter: return [KeyHint("type", "to filter"), KeyHint("⏎", "keep"), KeyHint("Esc", "clear")]
    case .pickRollback:
        return [KeyHint("↑↓", "choose"), KeyHint("⏎", "roll back to it"), KeyHint("Esc", "cancel")]
    case .checklist:
        return [
            KeyHint("↑↓", "move"), KeyHint("Space", "tick/untick"), KeyHint("Esc", "close"), KeyHint("q", "quit"),
        ]
    case .help, .details, .log, .drift:
        return [
            KeyHint("↑↓", "scroll"), KeyHint("PgUp/PgDn", "page"), KeyHint("Esc", "close"), KeyHint("q", "quit"),
        ]
    }
}

/// Every key of the dashboard, as the help screen explains them.
func helpEntries() -> [HelpEntry] {
    [
        HelpEntry("Tab / Shift-Tab, ← →, h l", "move between environment panels"),
        HelpEntry("↑ ↓, j k", "move within a list (pending promotions, checklist, log)"),
        HelpEntry("Enter", "details of the selection: release notes, checks, services, flags"),
        HelpEntry("p", "promote the pending release into the selected environment (protected: type its name)"),
        HelpEntry("a", "approve the selected release for the selected environment"),
        HelpEntry("c", "checklist of the selected release; Space ticks or unticks an item"),
        HelpEntry("r", "roll back the selected environment to the version it ran before (or choose one)"),
        HelpEntry("L", "audit log"),
        HelpEntry("d", "drift: the selected environment beside the next (versions, flags, config, schema)"),
        HelpEntry("/", "filter environments and promotions by name or version"),
        HelpEntry("t", "next theme"),
        HelpEntry("?", "this help"),
        HelpEntry("Esc", "close the top view (or clear the filter)"),
        HelpEntry("q", "quit"),
        HelpEntry("Ctrl-L", "repaint the whole screen"),
    ]
}
