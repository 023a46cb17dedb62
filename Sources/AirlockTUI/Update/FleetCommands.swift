// Keys on the fleet matrix: moving between cells, opening a pipeline and coming back, acting on a cell's pipeline
// and environment exactly as its own dashboard does, sorting.

import AirlockCore
import Foundation

extension Update {
    static func fleetCommand(_ s: inout AppState, _ command: KeyCommand) -> [Effect] {
        var effects: [Effect] = []
        switch command {
        case .nextEnvironment: moveColumn(&s, by: 1)
        case .previousEnvironment: moveColumn(&s, by: -1)
        case .nextRow: moveRow(&s, by: 1)
        case .previousRow: moveRow(&s, by: -1)
        case .scroll(let step):
            let page = FleetLayout(state: s).bodyRows
            switch step {
            case .lineDown: moveRow(&s, by: 1)
            case .lineUp: moveRow(&s, by: -1)
            case .pageDown: moveRow(&s, by: page)
            case .pageUp: moveRow(&s, by: -page)
            case .top: moveRow(&s, by: -Int.max / 2)
            case .bottom: moveRow(&s, by: Int.max / 2)
            }
        case .openPipeline: openPipeline(&s)
        case .promote, .approve, .rollback, .openChecklist: effects = actOnCell(&s, command)
        case .openFilter: s.overlays.append(.filter(s.fleet?.filter ?? ""))
        case .clearFilter:
            if s.fleet?.filter.isEmpty == false {
                s.fleet?.filter = ""
                s.say("filter cleared")
            }
        case .nextSort:
            if let sort = s.fleet?.sort.next {
                s.fleet?.sort = sort
                s.say("sorted by \(sort.rawValue)")
            }
        case .openJump: s.overlays.append(.jump(""))
        case .openLog:
            s.overlays.append(.log(scroll: 0))
            s.fleet?.log = nil
            effects = [.readFleetLog(want: s.logWant(scroll: 0))]
        case .nextTheme: effects = chooseNextTheme(&s)
        case .openHelp: s.overlays.append(.help(scroll: 0))
        case .quit: return [.quit]
        case .repaint: return [.repaint]
        case .openDetails, .openDrift, .openStats, .close, .toggleItem, .confirm, .cancel, .choose, .typeCharacter,
            .deleteCharacter, .keepFilter, .complete:
            // Keys of the pipeline screen and of the views over it; the fleet matrix binds none of them.
            break
        }
        keepCursor(&s)
        return effects
    }

    static func moveColumn(_ s: inout AppState, by delta: Int) {
        guard let f = s.fleet else { return }
        let columns = f.columns
        guard !columns.isEmpty else { return }
        let i = f.column.flatMap { columns.firstIndex(of: $0) } ?? 0
        s.fleet?.column = columns[max(0, min(columns.count - 1, i + delta))]
    }

    static func moveRow(_ s: inout AppState, by delta: Int) {
        guard let f = s.fleet else { return }
        let names = f.shownMembers(now: s.now).map(\.folder)
        guard !names.isEmpty else { return }
        let i = f.row.flatMap { names.firstIndex(of: $0) } ?? 0
        // Clamped before adding: a move to the first or last row is a huge delta.
        let j = delta > 0 ? i + min(delta, names.count) : i - min(-delta, names.count)
        s.fleet?.row = names[max(0, min(names.count - 1, j))]
    }

    /// The cursor stays on a pipeline the matrix shows and an environment the fleet has, and in view.
    static func keepCursor(_ s: inout AppState) {
        guard var f = s.fleet else { return }
        f.refreshDigest(now: s.now)
        let names = f.shownMembers(now: s.now).map(\.folder)
        if f.row.map({ !names.contains($0) }) ?? true { f.row = names.first }
        let columns = f.columns
        if f.column.map({ !columns.contains($0) }) ?? true { f.column = columns.first }
        s.fleet = f
        FleetLayout(state: s).follow(&f)
        s.fleet = f
    }

    /// Enter: the cursor's pipeline's dashboard, its environment selected.
    static func openPipeline(_ s: inout AppState) {
        guard let f = s.fleet, let m = f.selectedMember else { return }
        s.overlays = []
        s.filter = ""
        s.logPage = nil
        s.takeActing(m.folder)
        s.fleet?.open = true
        if let env = f.column, s.pipeline?.environment(named: env) != nil { s.selected = env }
    }

    /// Esc on an opened pipeline's dashboard: the matrix again, the cursor where it was.
    static func backToFleet(_ s: inout AppState) {
        s.fleet?.open = false
        s.overlays = []
        s.filter = ""
        s.logPage = nil
        keepCursor(&s)
    }

    /// p, a, c, r on a cell: the cell's pipeline and environment, through the pipeline screen's own update (the
    /// same checks, refusals and confirmations); the runtime acts on that pipeline's folder.
    static func actOnCell(_ s: inout AppState, _ command: KeyCommand) -> [Effect] {
        guard let f = s.fleet, let m = f.selectedMember, let env = f.column else { return [] }
        guard m.snapshot.pipeline?.environment(named: env) != nil else {
            s.say("\(m.name) has no environment \(env)", error: true)
            return []
        }
        s.filter = ""
        s.takeActing(m.folder)
        s.selected = env
        return mainCommand(&s, command)
    }
}
