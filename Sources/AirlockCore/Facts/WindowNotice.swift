// What an environment's deploy windows mean now: one open (and when it closes), or when the next one opens.
import Foundation

/// The deploy-window state of an environment that has windows.
public enum WindowNotice: Sendable, Equatable {
    /// A window is open; `closes` is when no window is open any more (nil: never, within the coming week).
    case open(DeployWindow, closes: Date?)
    /// Every window is closed; `next` opens at `opens` (nil: none ever opens).
    case closed(next: DeployWindow, opens: Date?)
}

extension Facts {
    /// The windows of `environment` at `now`, or nil when it has none (promotions enter it at any time).
    public static func windowNotice(on environment: String, pipeline: Pipeline, now: Date) -> WindowNotice? {
        let windows = Rules.windows(of: environment, pipeline: pipeline)
        guard let first = windows.first else { return nil }
        if let open = windows.first(where: { $0.isOpen(at: now) }) {
            return .open(open, closes: closing(of: windows, after: now))
        }
        let next = windows.compactMap { w in w.nextOpening(after: now).map { (w, $0) } }.min { $0.1 < $1.1 }
        return .closed(next: next?.0 ?? first, opens: next?.1)
    }

    /// When every window is closed again, windows that overlap or follow one another taken as one (a week at most).
    static func closing(of windows: [DeployWindow], after now: Date) -> Date? {
        var t = now
        for _ in 0..<16 {
            let open = windows.filter { $0.isOpen(at: t) }
            guard !open.isEmpty else { return t }
            guard let end = open.compactMap({ $0.nextClosing(after: t) }).max() else { return nil }
            t = end
        }
        return nil
    }

    /// `mon-thu 09:00-16:00 Europe/Berlin`: a window's days (ranges joined), hours and zone.
    public static func windowHours(_ w: DeployWindow) -> String {
        let days = w.days.sorted()
        var parts: [String] = []
        var i = 0
        while i < days.count {
            var j = i
            while j + 1 < days.count, days[j + 1].rawValue == days[j].rawValue + 1 { j += 1 }
            parts.append(
                j - i >= 2 ? "\(days[i].name)-\(days[j].name)" : days[i...j].map(\.name).joined(separator: ","))
            i = j + 1
        }
        let when = days.count == 7 ? "every day" : parts.joined(separator: ",")
        let zone = w.zone.secondsFromGMT() == 0 && w.zone.identifier == "GMT" ? "UTC" : w.zone.identifier
        return "\(when) \(DeployWindow.clock(w.from))-\(DeployWindow.clock(w.until)) \(zone)"
    }
}
