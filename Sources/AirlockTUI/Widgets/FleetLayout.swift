// Where the fleet matrix's parts go on a screen of a given size: the name column, the environment columns (full,
// then shrunk to the version's tail and the symbols, then scrolled), the row ends and the rows that fit.

import AirlockCore
import Foundation

struct FleetLayout {
    /// What the matrix shows (rows, cells, row ends).
    let digest: FleetDigest
    let rows: [FleetRow]
    let columns: [String]
    /// Columns of the pipeline-name column (the cursor mark included).
    let nameWidth: Int
    /// Columns of a cell's version; a longer version keeps its end (`…2.4.1-rc.3`).
    let versionWidth: Int
    /// Symbols packed together (`✓◷↑`) instead of spaced (`✓ ◷ ↑`).
    let compact: Bool
    let summaryWidth: Int
    /// Environment columns that fit side by side.
    let columnsShown: Int
    /// Matrix rows that fit under the header.
    let bodyRows: Int

    /// Rows taken by everything but the matrix body: title, header, status line, key bar, the problems area.
    static func chromeRows(_ problems: [Problem]) -> Int { 4 + Problems.height(for: problems) }

    init(state s: AppState) {
        let f = s.fleet ?? FleetState(fleet: Fleet(name: "", members: []))
        let digest = f.digest(now: s.now)
        let rows = digest.rows
        let columns = digest.columns
        self.digest = digest
        self.rows = rows
        self.columns = columns
        let longestName = digest.longestName > 0 ? digest.longestName : 8
        nameWidth = 2 + min(max(8, longestName), max(8, min(24, s.width / 5)))
        summaryWidth = digest.widestSummary
        let longestVersion = max(1, digest.longestVersion)
        let full = min(16, max(5, longestVersion))
        // Left margin, ‹, names, a gap; › and the row end on the right.
        let room = s.width - 1 - 1 - nameWidth - 1 - 1 - (summaryWidth > 0 ? summaryWidth + 1 : 0)
        if columns.count * Self.slot(full, false) <= room {
            (versionWidth, compact) = (full, false)
        } else {
            // Shrunk to what fits every column (the symbols packed), down to a version's last six characters;
            // narrower still, the columns scroll.
            let share = columns.isEmpty ? full : room / columns.count - Self.slot(0, true)
            (versionWidth, compact) = (max(7, min(full, share)), true)
        }
        columnsShown = max(1, min(columns.count, room / Self.slot(versionWidth, compact)))
        bodyRows = max(1, s.height - Self.chromeRows(f.problems))
    }

    /// A cell's columns: the version and the symbols, and one column between cells.
    static func slot(_ version: Int, _ compact: Bool) -> Int { version + (compact ? 4 : 6) + 1 }
    var cellWidth: Int { Self.slot(versionWidth, compact) - 1 }

    /// The scroll offsets that keep the cursor's row and column in view (moving as little as needed).
    func follow(_ f: inout FleetState) {
        if let c = f.column.flatMap({ columns.firstIndex(of: $0) }) {
            if c < f.firstColumn { f.firstColumn = c }
            if c >= f.firstColumn + columnsShown { f.firstColumn = c - columnsShown + 1 }
        }
        f.firstColumn = max(0, min(f.firstColumn, columns.count - columnsShown))
        if let r = rows.firstIndex(where: { $0.member?.folder == f.row }) {
            // The first pipeline of a group brings its heading with it.
            let top = r > 0 && rows[r - 1].member == nil ? r - 1 : r
            if top < f.firstRow { f.firstRow = top }
            if r >= f.firstRow + bodyRows { f.firstRow = r - bodyRows + 1 }
        }
        f.firstRow = max(0, min(f.firstRow, rows.count - bodyRows))
    }
}
