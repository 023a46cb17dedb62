// Deploy windows against the clock: open now or not, when the next one opens or the open one closes (DST-safe).
import Foundation

extension DeployWindow {
    /// The wall clock of `zone` at `t`: the day of the week and the minute of the day.
    public func wallClock(_ t: Date) -> (day: Weekday, minute: Int) {
        let seconds = wholeSeconds(t) + zone.secondsFromGMT(for: t)
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let minute = (seconds - days * 86400) / 60
        // 1970-01-01 was a Thursday.
        let day = Weekday(rawValue: ((days + 3) % 7 + 7) % 7) ?? .mon
        return (day, minute)
    }

    /// Open when the wall clock in `zone` shows a listed day and a time in [from, until); across midnight, also the
    /// next day's time before `until`. On a DST day a skipped time opens the window at the jump, a repeated one
    /// counts twice.
    public func isOpen(at t: Date) -> Bool {
        let (day, minute) = wallClock(t)
        if from < until { return days.contains(day) && from <= minute && minute < until }
        return (days.contains(day) && minute >= from) || (days.contains(day.previous) && minute < until)
    }

    /// The first moment after `now` at which the window opens (nil when it never does, or it is always open).
    public func nextOpening(after now: Date) -> Date? {
        candidates(at: from, after: now).first { isOpen(at: $0) && !isOpen(at: $0.addingTimeInterval(-1)) }
    }

    /// The first moment after `now` at which the window is closed (nil when it never closes).
    public func nextClosing(after now: Date) -> Date? {
        candidates(at: until, after: now).first { !isOpen(at: $0) }
    }

    /// Moments after `now`, in order, at which the window can change: `minute` on each of the next eight days
    /// in `zone` (at either UTC offset the days around it have) and the zone's DST transitions in that time.
    private func candidates(at minute: Int, after now: Date) -> [Date] {
        let start = wholeSeconds(now)
        let localDay = (start + zone.secondsFromGMT(for: now)).quotientRoundingDown(86400)
        var out: [Date] = []
        for k in -1...8 {
            let local = (localDay + k) * 86400 + minute * 60
            for probe in [local - 14 * 3600, local + 14 * 3600] {
                let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe)))
                out.append(Date(timeIntervalSince1970: TimeInterval(local - offset)))
            }
        }
        var t = now
        let horizon = now.addingTimeInterval(9 * 86400)
        while let next = zone.nextDaylightSavingTimeTransition(after: t), next < horizon, out.count < 64 {
            out.append(next)
            t = next
        }
        return out.filter { $0 > now }.sorted()
    }
}

/// A moment's whole seconds since 1970, clamped far beyond any real date (a conversion must never trap).
private func wholeSeconds(_ t: Date) -> Int {
    let raw = t.timeIntervalSince1970
    return raw.isFinite ? Int(min(max(raw, -1e15), 1e15).rounded(.down)) : 0
}

extension Int {
    fileprivate func quotientRoundingDown(_ d: Int) -> Int { self >= 0 ? self / d : (self - d + 1) / d }
}

extension Rules {
    /// The deploy windows of `env`, in file order.
    public static func windows(of env: String, pipeline: Pipeline) -> [DeployWindow] {
        pipeline.windows.filter { $0.environments.contains(env) }
    }

    /// The window blocker of a promotion into `env` at `now`: nil when `env` has no windows or one is open; else
    /// the window that opens next (the first listed one when none ever opens) and when.
    public static func windowBlocker(on env: String, pipeline: Pipeline, now: Date) -> Blocker? {
        let windows = windows(of: env, pipeline: pipeline)
        guard let first = windows.first, !windows.contains(where: { $0.isOpen(at: now) }) else { return nil }
        let next = windows.compactMap { w in w.nextOpening(after: now).map { (w, $0) } }.min { $0.1 < $1.1 }
        return .window(name: next?.0.name ?? first.name, opens: next?.1)
    }
}
