// The one keymap: every binding of every context, declared once; key dispatch, the key bar and the help screen
// all read it.

public enum Keymap {
    /// Bindings that apply everywhere, looked at before the context's own.
    static let global: [Binding] = [
        Binding([.ctrlL], .repaint, help: HelpEntry("Ctrl-L", "repaint the whole screen"))
    ]

    /// The main screen, in the order of the help screen.
    static let main: [Binding] = [
        Binding(
            KeyStroke.on([.tab, .right, .char("l")], .nextEnvironment)
                + KeyStroke.on([.backTab, .left, .char("h")], .previousEnvironment),
            help: HelpEntry("Tab / Shift-Tab, ← →, h l", "move between environment panels")),
        Binding(
            KeyStroke.on([.down, .char("j")], .nextRow) + KeyStroke.on([.up, .char("k")], .previousRow),
            help: HelpEntry("↑ ↓, j k", "move within a list (pending promotions, checklist, log)")),
        Binding(
            [.enter], .openDetails, hint: KeyHint("⏎", "details", slot: 5),
            help: HelpEntry("Enter", "details of the selection: release notes, checks, services, flags")),
        Binding(
            [.char("p")], .promote, hint: KeyHint("p", "promote", slot: 1),
            help: HelpEntry(
                "p",
                "promote the pending release into the selected environment: the confirmation lists what ships "
                    + "(protected: type its name)")),
        Binding(
            [.char("a")], .approve, hint: KeyHint("a", "approve", slot: 2),
            help: HelpEntry("a", "approve the selected release for the selected environment")),
        Binding(
            [.char("c")], .openChecklist, hint: KeyHint("c", "checklist", slot: 3),
            help: HelpEntry("c", "checklist of the selected release; Space ticks or unticks an item")),
        Binding(
            [.char("r")], .rollback, hint: KeyHint("r", "rollback", slot: 4),
            help: HelpEntry(
                "r", "roll back the selected environment to the version it ran before (or choose one)")),
        Binding([.char("L")], .openLog, hint: KeyHint("L", "log", slot: 6), help: HelpEntry("L", "audit log")),
        Binding(
            [.char("d")], .openDrift, hint: KeyHint("d", "drift", slot: 7),
            help: HelpEntry(
                "d",
                "drift: the selected environment beside the next (versions, flags, config, schema, facts) and "
                    + "what ships")),
        Binding(
            [.char("/")], .openFilter, hint: KeyHint("/", "filter", slot: 8),
            help: HelpEntry("/", "filter environments and promotions by name or version")),
        Binding(
            [.char("I")], .openStats,
            help: HelpEntry(
                "I", "delivery metrics, last 30 days: deployments, lead time, failure rate, restore, waits")),
        Binding([.char("t")], .nextTheme, hint: KeyHint("t", "theme", slot: 9), help: HelpEntry("t", "next theme")),
        Binding([.char("?")], .openHelp, hint: KeyHint("?", "help", slot: 10), help: HelpEntry("?", "this help")),
        Binding([.esc], .clearFilter, help: HelpEntry("Esc", "close the top view (or clear the filter)")),
        Binding([.char("q")], .quit, hint: KeyHint("q", "quit", slot: 11), help: HelpEntry("q", "quit")),
    ]

    /// A view that only shows (help, details, log, drift); `closeKeys` also close it (the key that opened it).
    static func scrollingView(closeKeys: [Key]) -> [Binding] {
        [
            Binding(
                KeyStroke.on([.down, .char("j")], .scroll(.lineDown))
                    + KeyStroke.on([.up, .char("k")], .scroll(.lineUp)),
                hint: KeyHint("↑↓", "scroll", slot: 1)),
            Binding(
                KeyStroke.on([.pageDown, .char(" ")], .scroll(.pageDown)) + KeyStroke.on([.pageUp], .scroll(.pageUp))
                    + KeyStroke.on([.home, .char("g")], .scroll(.top))
                    + KeyStroke.on([.end, .char("G")], .scroll(.bottom)),
                hint: KeyHint("PgUp/PgDn", "page", slot: 2)),
            Binding([.esc] + closeKeys, .close, hint: KeyHint("Esc", "close", slot: 3)),
            Binding([.char("q")], .quit, hint: KeyHint("q", "quit", slot: 4)),
        ]
    }

    static let checklist: [Binding] = [
        Binding(
            KeyStroke.on([.down, .char("j")], .scroll(.lineDown)) + KeyStroke.on([.up, .char("k")], .scroll(.lineUp))
                + KeyStroke.on([.pageDown], .scroll(.pageDown)) + KeyStroke.on([.pageUp], .scroll(.pageUp))
                + KeyStroke.on([.home, .char("g")], .scroll(.top))
                + KeyStroke.on([.end, .char("G")], .scroll(.bottom)),
            hint: KeyHint("↑↓", "move", slot: 1)),
        Binding([.char(" "), .enter], .toggleItem, hint: KeyHint("Space", "tick/untick", slot: 2)),
        Binding([.esc, .char("c")], .close, hint: KeyHint("Esc", "close", slot: 3)),
        Binding([.char("q")], .quit, hint: KeyHint("q", "quit", slot: 4)),
    ]

    static let confirmYesNo: [Binding] = [
        Binding([.char("y"), .char("Y"), .enter], .confirm, hint: KeyHint("y", "confirm", slot: 1)),
        Binding([.char("n"), .char("N"), .char("q"), .esc], .cancel, hint: KeyHint("n/Esc", "cancel", slot: 2)),
        shipsScroll(
            KeyStroke.on([.down, .char("j")], .scroll(.lineDown)) + KeyStroke.on([.up, .char("k")], .scroll(.lineUp))),
    ]

    /// Scrolling the list of what ships in a promotion's confirmation (j and k only where they do not type).
    static func shipsScroll(_ lines: [KeyStroke]) -> Binding {
        Binding(
            lines + KeyStroke.on([.pageDown], .scroll(.pageDown)) + KeyStroke.on([.pageUp], .scroll(.pageUp)),
            hint: KeyHint("↑↓", "what ships", slot: 4))
    }

    /// A text field: any character is typed, Backspace deletes.
    static func textEntry(_ label: String) -> Binding {
        Binding(
            [KeyStroke(pattern: .anyCharacter, command: .typeCharacter)]
                + KeyStroke.on([.backspace], .deleteCharacter),
            hint: KeyHint("type", label, slot: 1))
    }

    static let confirmTyped: [Binding] = [
        textEntry("the name"),
        Binding([.enter], .confirm, hint: KeyHint("⏎", "confirm", slot: 2)),
        Binding([.esc], .cancel, hint: KeyHint("Esc", "cancel", slot: 3)),
        shipsScroll(KeyStroke.on([.down], .scroll(.lineDown)) + KeyStroke.on([.up], .scroll(.lineUp))),
    ]

    static let filter: [Binding] = [
        textEntry("to filter"),
        Binding([.enter], .keepFilter, hint: KeyHint("⏎", "keep", slot: 2)),
        Binding([.esc], .cancel, hint: KeyHint("Esc", "clear", slot: 3)),
    ]

    static let pickRollback: [Binding] = [
        Binding(
            KeyStroke.on([.down, .char("j")], .scroll(.lineDown)) + KeyStroke.on([.up, .char("k")], .scroll(.lineUp)),
            hint: KeyHint("↑↓", "choose", slot: 1)),
        Binding([.enter], .choose, hint: KeyHint("⏎", "roll back to it", slot: 2)),
        Binding([.esc, .char("q")], .cancel, hint: KeyHint("Esc", "cancel", slot: 3)),
    ]

    /// The fleet matrix: a row per pipeline, a column per environment.
    static let fleet: [Binding] = [
        Binding(
            KeyStroke.on([.right, .char("l"), .tab], .nextEnvironment)
                + KeyStroke.on([.left, .char("h"), .backTab], .previousEnvironment)
                + KeyStroke.on([.down, .char("j")], .nextRow) + KeyStroke.on([.up, .char("k")], .previousRow),
            help: HelpEntry("← → ↑ ↓, h l j k, Tab", "move between cells (Tab, Shift-Tab: by environment)")),
        Binding(
            KeyStroke.on([.pageDown], .scroll(.pageDown)) + KeyStroke.on([.pageUp], .scroll(.pageUp))
                + KeyStroke.on([.home, .char("g")], .scroll(.top))
                + KeyStroke.on([.end, .char("G")], .scroll(.bottom)),
            help: HelpEntry("PgUp PgDn, Home End, g G", "a page up or down, the first or last pipeline")),
        Binding(
            [.enter], .openPipeline, hint: KeyHint("⏎", "open", slot: 1),
            help: HelpEntry("Enter", "open the pipeline's dashboard, this environment selected (Esc comes back)")),
        Binding(
            [.char("p")], .promote, hint: KeyHint("p", "promote", slot: 2),
            help: HelpEntry("p", "promote into the selected cell's environment, as on its pipeline's dashboard")),
        Binding(
            [.char("a")], .approve, hint: KeyHint("a", "approve", slot: 3),
            help: HelpEntry("a", "approve the release waiting to enter the selected cell")),
        Binding(
            [.char("c")], .openChecklist, hint: KeyHint("c", "checklist", slot: 4),
            help: HelpEntry("c", "checklist of the selected cell's release; Space ticks or unticks an item")),
        Binding(
            [.char("r")], .rollback, hint: KeyHint("r", "rollback", slot: 5),
            help: HelpEntry("r", "roll the selected cell's environment back (or choose a version)")),
        Binding(
            [.char("/")], .openFilter, hint: KeyHint("/", "filter", slot: 6),
            help: HelpEntry("/", "filter pipelines by name or version")),
        Binding(
            [.char("s")], .nextSort, hint: KeyHint("s", "sort", slot: 7),
            help: HelpEntry("s", "sort: by name, by attention (down, stale, blocked, problems first), by last deploy")),
        Binding(
            [.char(":")], .openJump, hint: KeyHint(":", "jump", slot: 8),
            help: HelpEntry(":", "jump to a pipeline by name (Tab completes, Enter jumps, Esc cancels)")),
        Binding(
            [.char("L")], .openLog, hint: KeyHint("L", "log", slot: 9),
            help: HelpEntry("L", "audit logs of every pipeline merged, newest first, each line naming its pipeline")),
        Binding([.char("t")], .nextTheme, help: HelpEntry("t", "next theme")),
        Binding([.char("?")], .openHelp, hint: KeyHint("?", "help", slot: 10), help: HelpEntry("?", "this help")),
        Binding([.esc], .clearFilter, help: HelpEntry("Esc", "close the top view (or clear the filter)")),
        Binding([.char("q")], .quit, hint: KeyHint("q", "quit", slot: 11), help: HelpEntry("q", "quit")),
    ]

    static let jump: [Binding] = [
        textEntry("a name"),
        Binding([.tab], .complete, hint: KeyHint("Tab", "complete", slot: 2)),
        Binding([.enter], .confirm, hint: KeyHint("⏎", "jump", slot: 3)),
        Binding([.esc], .cancel, hint: KeyHint("Esc", "cancel", slot: 4)),
    ]

    /// The bindings of a context (the global ones apart).
    public static func bindings(_ context: KeyContext) -> [Binding] {
        switch context {
        case .main: return main
        case .help: return scrollingView(closeKeys: [.char("?")])
        case .details: return scrollingView(closeKeys: [])
        case .log: return scrollingView(closeKeys: [.char("L")])
        case .drift: return scrollingView(closeKeys: [.char("d")])
        case .checklist: return checklist
        case .confirmYesNo: return confirmYesNo
        case .confirmTyped: return confirmTyped
        case .filter: return filter
        case .pickRollback: return pickRollback
        case .fleet: return fleet
        case .jump: return jump
        case .stats: return scrollingView(closeKeys: [.char("I")])
        }
    }

    /// What a key does in a context: a global binding, else the context's exact key, else typing (if it types).
    public static func command(for key: Key, in context: KeyContext) -> KeyCommand? {
        let strokes = (global + bindings(context)).flatMap(\.strokes)
        if let exact = strokes.first(where: { $0.pattern == .key(key) }) { return exact.command }
        if case .char = key, let typing = strokes.first(where: { $0.pattern == .anyCharacter }) {
            return typing.command
        }
        return nil
    }

    /// The key bar for the state's context, left to right.
    public static func keyBarHints(for state: AppState) -> [KeyHint] {
        keyBarHints(in: KeyContext(state))
    }

    public static func keyBarHints(in context: KeyContext) -> [KeyHint] {
        bindings(context).compactMap(\.hint).sorted { $0.slot < $1.slot }
    }

    /// The help screen's key lines, in order: the main screen's bindings, then those that apply everywhere.
    public static var helpEntries: [HelpEntry] {
        (main + global).compactMap(\.help)
    }

    /// The fleet matrix's help lines, in order, then those that apply everywhere.
    public static var fleetHelpEntries: [HelpEntry] {
        (fleet + global).compactMap(\.help)
    }

    /// The help screen of the view it is opened from: the fleet matrix's keys there, else the pipeline screen's.
    public static func helpEntries(for state: AppState) -> [HelpEntry] {
        if state.onFleetMatrix { return fleetHelpEntries }
        guard state.fleet != nil else { return helpEntries }
        // A pipeline opened from the fleet: Esc also goes back to it.
        return helpEntries.map {
            $0.keys == "Esc" ? HelpEntry("Esc", "close the top view (or clear the filter, else back to the fleet)") : $0
        }
    }
}
