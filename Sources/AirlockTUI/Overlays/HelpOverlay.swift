// Help: every key with what it does (entries given by the caller), then what the states and symbols mean.

struct HelpOverlay: OverlayWidget {
    let entries: [HelpEntry]
    let scroll: Int
    /// Explanations under the keys, about what the screen shows.
    var notes = Self.pipelineNotes

    /// The fleet matrix's symbols.
    static let fleetNotes = [
        "Cells: the version (its end when long), health ✓ healthy ! degraded ✗ down ? unknown, ◷ stale, "
            + "and the promotion waiting to enter: ↑ ready, ⊘ blocked, ⇢ in progress.",
        "Row ends: promotions ↑ ready ⊘ blocked ⇢ in progress, ⚠ problems. ‹ ›: more environments.",
        "Title bar: pipelines, environments down and stale, ready and blocked promotions, the sort (s).",
    ]

    static let pipelineNotes = [
        "States: READY (nothing blocks), BLOCKED (reasons listed), IN PROGRESS (requested, not yet running).",
        "Health: ✓ healthy  ! degraded  ✗ down  ? unknown.  STALE: no fresh report, or a broken status file.",
        "Title bar: who you are, git sync (with sync.git), inotify or polling, when the files were last read.",
    ]

    /// The key column's width; explanations that wrap continue one column right of it.
    private static let keyColumn = 26

    func draw(on grid: inout Grid) {
        let width = min(grid.width - 4, 120)
        let text = width - 4
        var lines: [Line] = []
        for entry in entries {
            lines += TextFit.wrap(keyed(entry), width: text, indent: Self.keyColumn + 1).map { Line($0) }
        }
        lines.append(.blank)
        for note in notes { lines += TextFit.wrap(note, width: text, indent: 0).map { Line($0, .dim) } }
        let frame = OverlayFrame.draw(on: &grid, title: "Help — every key", width: width, height: lines.count + 2)
        ScrolledText(lines: lines, offset: scroll).draw(in: frame, on: &grid)
    }

    private func keyed(_ entry: HelpEntry) -> String {
        "\(entry.keys.padding(toLength: Self.keyColumn, withPad: " ", startingAt: 0)) \(entry.text)"
    }
}
