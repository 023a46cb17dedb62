// Draws each open overlay over the screen, bottom first; every kind of overlay is named, so none is forgotten.

enum OverlayStack {
    static func draw(_ overlays: [Overlay], state: AppState, statusLine: Rect, on grid: inout Grid) {
        for overlay in overlays {
            switch overlay {
            case .help(let scroll):
                let notes = state.onFleetMatrix ? HelpOverlay.fleetNotes : HelpOverlay.pipelineNotes
                HelpOverlay(entries: Keymap.helpEntries(for: state), scroll: scroll, notes: notes).draw(on: &grid)
            case .details(let env, let scroll):
                DetailsOverlay(state: state, environment: env, scroll: scroll).draw(on: &grid)
            case .checklist(let version, let target, let cursor):
                ChecklistOverlay(state: state, version: version, target: target, cursor: cursor).draw(on: &grid)
            case .log(let scroll) where state.onFleetMatrix:
                FleetLogOverlay(state: state, scroll: scroll).draw(on: &grid)
            case .log(let scroll): LogOverlay(state: state, scroll: scroll).draw(on: &grid)
            case .drift(let env, let scroll):
                DriftOverlay(state: state, environment: env, scroll: scroll).draw(on: &grid)
            case .stats(let scroll): StatsOverlay(state: state, scroll: scroll).draw(on: &grid)
            case .confirm(let c): ConfirmOverlay(state: state, confirmation: c).draw(on: &grid)
            case .pickRollback(let env, let versions, let cursor):
                RollbackPicker(state: state, environment: env, versions: versions, cursor: cursor).draw(on: &grid)
            case .filter(let text): FilterPrompt(text: text).draw(in: statusLine, on: &grid)
            case .jump(let text):
                JumpPrompt(text: text, candidates: Update.jumpCandidates(state, text)).draw(in: statusLine, on: &grid)
            }
        }
    }
}
