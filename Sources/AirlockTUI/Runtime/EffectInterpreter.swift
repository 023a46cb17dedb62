// Carrying out what `update` asked for: quit, repaint, a theme, a page of the log, work on the action queue.

import AirlockCore
import AirlockStore
import Foundation

extension DashboardLoop {
    /// Carries out effects in order; false when the dashboard should end.
    func interpret(_ effects: [Effect]) -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return follow(quitGuard.quitRequested(hookRunning: hook.current != nil))
            case .repaint:
                term.repaintAll()
                dirty = true
            case .nextTheme:
                // `update` chose the name; a theme that fails to load is reported, the old one stays on screen.
                let name = state.themeName
                do {
                    let theme = try catalog.theme(name)
                    term.apply(theme)
                    send(.themeChanged(name: theme.name, error: nil))
                } catch {
                    send(.themeChanged(name: name, error: "theme \(error)"))
                }
            case .readLog(let want):
                // A page of the log (bounded bytes per request), read here: it is what the next frame shows.
                let view = state
                guard let root = actionRoot else { break }
                let page = AuditPager.read(
                    view.logPage, root: root, want: want, filter: view.filter, matches: view.logMatches)
                send(.logRead(page))
            case .readFleetLog(let want):
                send(.fleetLogRead(readFleetLog(want: want)))
            case .findRollback(let env):
                guard let store = actionStore() else { break }
                let mailbox = mailbox
                queue.async {
                    if let choices = store.rollbackChoices(environment: env) {
                        mailbox.post(.rollbackChoices(choices))
                    }
                }
            case .readStats(let since, let now):
                // The whole log is read off the main loop (and not behind a running action's hook).
                guard let root = actionRoot else { break }
                let (mailbox, snap) = (mailbox, state.snapshot)
                DispatchQueue.global(qos: .userInitiated).async {
                    let period = DeliveryPeriod(since: since, now: now)
                    switch AuditDelivery.stats(root: root, snapshot: snap, period: period) {
                    case .success(let stats):
                        mailbox.post(.statsRead(.ready(stats, pipeline: snap.pipeline?.name ?? "")))
                    case .failure(let u): mailbox.post(.statsRead(.failed(u.message)))
                    }
                }
            case .perform(let action):
                guard let store = actionStore() else {
                    send(.actionDone(message: "no pipeline to act on", isError: true))
                    break
                }
                let (mailbox, actor, root, hook) = (mailbox, state.actor, store.root, hook)
                queue.async {
                    mailbox.post(DashboardApp.perform(action, store: store, actor: actor, root: root, hook: hook))
                }
            }
        }
        // A message sent without a redraw (a tick, a read that found nothing new) asks for none here either.
        if !effects.isEmpty { dirty = true }
        return true
    }
}
