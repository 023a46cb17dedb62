// The dashboard's logic: a pure function of (state, message); this file takes every message to its handler.

import AirlockCore
import AirlockStore
import Foundation

public enum Update {
    public static func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .loaded(let snap, let at):
            s.snapshot = snap
            s.lastRead = at
            s.now = max(s.now, at)
            s.recompute()
            // The open log view reads what was appended (only that: it already holds what it shows).
            if case .log(let scroll)? = s.overlays.last {
                return [.readLog(want: max(s.logPage?.entries.count ?? 0, s.logWant(scroll: scroll)))]
            }
            return []
        case .fleetLoaded(let fleet, let at):
            return fleetLoaded(&s, fleet, at: at)
        case .fleetLogRead(let page):
            if case .log? = s.overlays.last, s.onFleetMatrix { s.fleet?.log = page }
            return []
        case .readUnchanged(let at):
            s.lastRead = at
            return []
        case .logRead(let page):
            if case .log? = s.overlays.last { s.logPage = page }
            return []
        case .statsRead(let page):
            statsRead(&s, page)
            return []
        case .rollbackChoices(let c):
            // On a fleet: only for the pipeline still acted on (another cell's action may have come between).
            if let f = s.fleet, let asked = f.rollbackFor {
                s.fleet?.rollbackFor = nil
                guard asked == f.acting else { return [] }
            }
            rollbackChoices(&s, c)
            return []
        case .tick(let now):
            s.now = now
            s.recompute()
            // The matrix's time-bound states (stale, soak) are worked out again every few seconds.
            s.fleet?.refreshDigest(now: now)
            // A message fades after a while, errors later.
            if let m = s.message, now.timeIntervalSince(m.at) > (m.isError ? 30 : 10) { s.message = nil }
            return []
        case .resize(let w, let h):
            s.width = w
            s.height = h
            keepCursor(&s)
            return [.repaint]
        case .actionDone(let message, let isError):
            s.busy = false
            s.say(message, error: isError)
            return []
        case .lockWait(let text):
            // Shown as long as an error (30 s, the lock's default wait): the action's result replaces it.
            s.say(text, error: true)
            return []
        case .notice(let text, let isError):
            s.say(text, error: isError)
            return []
        case .themeChanged(let name, let error):
            // A theme that failed to load still counts as chosen, so the next t moves past it.
            s.themeName = name
            if let error {
                s.say(error, error: true)
            } else {
                s.say("theme: \(name)" + (s.noColor ? " (NO_COLOR is set: monochrome)" : ""))
            }
            return []
        case .watchMode(let mode):
            s.watchMode = mode
            return []
        case .syncStarted:
            s.syncEnabled = true
            return []
        case .synced(let at, let error):
            s.syncEnabled = true
            if let error {
                s.syncError = error
            } else {
                s.syncedAt = at
                s.syncError = nil
            }
            return []
        case .key(let key):
            let effects = keyPressed(&s, key)
            // On a fleet, a rollback's choices are read for the pipeline acted on now.
            if s.fleet != nil, effects.contains(where: { if case .findRollback = $0 { true } else { false } }) {
                let acting = s.fleet?.acting
                s.fleet?.rollbackFor = acting
            }
            return effects
        }
    }

    /// Looks the key up in the keymap for the view on top, and hands the command to that view's handler.
    static func keyPressed(_ s: inout AppState, _ key: Key) -> [Effect] {
        let command = Keymap.command(for: key, in: KeyContext(s))
        if command == .repaint { return [.repaint] }
        if s.onFleetMatrix, let effects = fleetKeyPressed(&s, key, command) { return effects }
        guard let top = s.overlays.last else {
            // A pipeline opened from the fleet: Esc (with no filter to clear) goes back to the matrix.
            if s.fleet != nil, command == .clearFilter, s.filter.isEmpty {
                backToFleet(&s)
                return []
            }
            return command.map { mainCommand(&s, $0) } ?? []
        }
        switch top {
        case .confirm(let c): return confirmCommand(&s, c, key, command)
        case .pickRollback(let env, let versions, let cursor):
            return pickRollbackCommand(&s, env: env, versions: versions, cursor: cursor, command)
        case .filter(let text): return filterCommand(&s, text, key, command)
        case .checklist(let version, let target, let cursor):
            return checklistCommand(&s, version: version, target: target, cursor: cursor, command)
        case .help, .details, .log, .drift, .stats: return viewCommand(&s, top, command)
        case .jump: return []
        }
    }

    static func replaceTop(_ s: inout AppState, _ o: Overlay) {
        guard !s.overlays.isEmpty else { return }
        s.overlays[s.overlays.count - 1] = o
    }

    static func closeTop(_ s: inout AppState) {
        if !s.overlays.isEmpty { s.overlays.removeLast() }
    }

    /// Hands an action to the runtime; the status line says what runs until its result arrives.
    static func start(_ s: inout AppState, _ action: Action, saying text: String) -> [Effect] {
        s.busy = true
        s.say(text)
        return [.perform(action)]
    }

    /// One confirmed action at a time (a promotion's or rollback's hook may run for minutes): while an action runs
    /// the status line says so and this returns true, and the dialog stays open to confirm again later.
    static func refuseWhileBusy(_ s: inout AppState) -> Bool {
        guard s.busy else { return false }
        s.say("an action is still running; wait for its result, then try again", error: true)
        return true
    }
}
