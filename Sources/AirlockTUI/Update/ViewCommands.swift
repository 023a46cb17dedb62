// Keys in the views that only show (help, details, log, drift): Esc closes, q quits, arrows and pages scroll.

import AirlockStore

extension Update {
    /// Where a scroll position goes for a step (a page is the screen less the frame).
    static func scrolled(_ v: Int, _ step: ScrollStep, height: Int) -> Int {
        let page = max(1, height - 8)
        switch step {
        case .lineDown: return v + 1
        case .lineUp: return max(0, v - 1)
        case .pageDown: return v + page
        case .pageUp: return max(0, v - page)
        case .top: return 0
        case .bottom: return Int.max / 2
        }
    }

    static func viewCommand(_ s: inout AppState, _ top: Overlay, _ command: KeyCommand?) -> [Effect] {
        switch command {
        case .close?:
            closeTop(&s)
            if case .log = top { s.logPage = nil }
            if case .stats = top { s.statsPage = nil }
        case .quit?:
            return [.quit]
        case .scroll(let step)?:
            return scroll(&s, top, step)
        default:
            // Not a key of these views.
            break
        }
        return []
    }

    static func scroll(_ s: inout AppState, _ top: Overlay, _ step: ScrollStep) -> [Effect] {
        switch top {
        case .help(let v):
            replaceTop(&s, .help(scroll: scrolled(v, step, height: s.height)))
        case .details(let env, let v):
            replaceTop(&s, .details(environment: env, scroll: scrolled(v, step, height: s.height)))
        case .log(let v):
            // Never past what was read; when near its end, read more (backwards from where reading stopped).
            let want = scrolled(v, step, height: s.height)
            let held = s.logPage?.entries.count ?? 0
            replaceTop(&s, .log(scroll: max(0, min(want, held - s.logRows))))
            if let page = s.logPage, !page.reachedStart, want != v, s.logWant(scroll: want) > held {
                return [.readLog(want: min(s.logWant(scroll: want), held + 10 * s.logRows + 100))]
            }
        case .drift(let env, let v):
            // Never past the end of the table and what ships, so the way back is as long as the way there.
            let limit = DriftOverlay.maxScroll(s, environment: env)
            replaceTop(&s, .drift(environment: env, scroll: min(scrolled(v, step, height: s.height), limit)))
        case .stats(let v):
            let lines = StatsOverlay.lines(s.statsPage).count
            replaceTop(&s, .stats(scroll: max(0, min(scrolled(v, step, height: s.height), lines - 1))))
        case .checklist, .confirm, .filter, .pickRollback, .jump:
            // These have keys of their own.
            break
        }
        return []
    }
}
