// Leaving the dashboard while a hook runs: what each answer of the quit question does, told on the status line.

import AirlockCore
import AirlockStore
import Foundation

extension DashboardLoop {
    /// Applies what quitting decided; false when the loop should end.
    func follow(_ decision: QuitGuard.Decision) -> Bool {
        dirty = true
        switch decision {
        case .leave: return false
        case .stay:
            if let h = hook.current {
                let name = Sanitize.value(h.program, limit: 40)
                let ran = TimeFormat.formatAge(Date().timeIntervalSince(h.since))
                if quitGuard.phase == .waiting {
                    send(.notice("waiting for the hook \(name) (\(ran)) to finish, then quitting (q again stops it)"))
                } else if quitGuard.phase == .stopping {
                    send(.notice("stopping the hook \(name)… (KILL 5 s after TERM)", isError: true))
                }
            }
            return true
        case .stopHook:
            if let h = hook.current {
                send(.notice("stopping the hook \(Sanitize.value(h.program, limit: 40))…", isError: true))
            }
            hook.stop()
            return true
        }
    }
}
