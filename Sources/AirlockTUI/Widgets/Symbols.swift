// The symbols, words and roles that stand for health and promotion states, and the age and clock texts.

import AirlockCore
import Foundation

enum Symbols {
    static func healthRole(_ h: Health) -> Role {
        switch h {
        case .healthy: return .healthy
        case .degraded: return .degraded
        case .down: return .down
        case .unknown: return .unknown
        }
    }

    static func healthSymbol(_ h: Health) -> String {
        switch h {
        case .healthy: return "✓"
        case .degraded: return "!"
        case .down: return "✗"
        case .unknown: return "?"
        }
    }

    /// "✓ healthy": the symbol and the word, so no state rests on color alone.
    static func health(_ h: Health) -> String { "\(healthSymbol(h)) \(h.rawValue)" }

    static func stateRole(_ st: PendingState) -> Role {
        switch st {
        case .ready: return .ready
        case .blocked: return .blocked
        case .inProgress: return .inProgress
        }
    }

    static func stateWord(_ st: PendingState) -> String {
        switch st {
        case .ready: return "READY"
        case .blocked: return "BLOCKED"
        case .inProgress: return "IN PROGRESS"
        }
    }

    /// A promotion's state in one column (the fleet matrix): ↑ ready, ⊘ blocked, ⇢ in progress.
    static func stateMark(_ st: PendingState) -> String {
        switch st {
        case .ready: return "↑"
        case .blocked: return "⊘"
        case .inProgress: return "⇢"
        }
    }

    /// An environment with no fresh report (or a broken status file).
    static let staleMark = "◷"

    /// How long ago `date` was, "?" when unknown.
    static func age(_ now: Date, _ date: Date?) -> String {
        guard let date else { return "?" }
        return TimeFormat.formatAge(now.timeIntervalSince(date))
    }

    static func clock(_ d: Date) -> String {
        let t = Int(d.timeIntervalSince1970) % 86400
        // As "%02d" would write each (without String(format:), which is most of an idle second's title).
        func two(_ n: Int) -> String { n >= 0 && n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(t / 3600)):\(two((t % 3600) / 60)):\(two(t % 60)) UTC"
    }
}
