// Timestamps and durations: parsing and the short forms people read.
import Foundation

/// RFC 3339 timestamps and `30s`/`5m`/`2h`/`1d` durations, parsed without formatters (they are on the hot path).
public enum TimeFormat {
    /// Parses an RFC 3339 timestamp such as `2026-11-21T22:40:00Z` or `2026-11-21T23:40:00.5+01:00`.
    public static func parseTimestamp(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var v = 0
            for i in start..<(start + count) {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45, let day = digits(8, 2),
            b[10] == 84 || b[10] == 116 || b[10] == 32,
            let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58, let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count && b[i] == 46 {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count && b[i] >= 48 && b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = digits(i + 4, 2),
                oh <= 23, om <= 59
            else { return nil }
            offset = sign * (oh * 3600 + om * 60)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset
        let value = TimeInterval(seconds) + fraction
        // An offset or a rounded fraction can carry a time out of years 0000-9999, which RFC 3339 cannot write back.
        guard value >= TimeInterval(daysFromCivil(year: 0, month: 1, day: 1) * 86400),
            value.rounded(.down) < TimeInterval(daysFromCivil(year: 10000, month: 1, day: 1) * 86400)
        else { return nil }
        return Date(timeIntervalSince1970: value)
    }

    /// Formats a date as RFC 3339 in UTC with whole seconds: `2026-11-21T22:40:00Z`.
    public static func formatTimestamp(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86400 : (total - 86399) / 86400
        let secs = total - days * 86400
        let (y, m, d) = civilFromDays(days)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, secs / 3600, (secs % 3600) / 60, secs % 60)
    }

    /// The date without its fraction of a second, as the files record it.
    public static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// A short UTC rendering for people: `Dec 27 00:00 UTC`.
    public static func formatShort(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86400 : (total - 86399) / 86400
        let secs = total - days * 86400
        let (_, m, d) = civilFromDays(days)
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%@ %d %02d:%02d UTC", names[m - 1], d, secs / 3600, (secs % 3600) / 60)
    }

    /// `formatShort`, with the year when it differs from the year of `now`: `Jan 3 2027 00:00 UTC`.
    public static func formatShort(_ date: Date, now: Date) -> String {
        func year(_ d: Date) -> Int {
            let total = Int(d.timeIntervalSince1970.rounded(.down))
            return civilFromDays(total >= 0 ? total / 86400 : (total - 86399) / 86400).0
        }
        let short = formatShort(date)
        guard year(date) != year(now), let colon = short.firstIndex(of: ":") else { return short }
        let dayEnd = short.index(colon, offsetBy: -3)
        return "\(short[..<dayEnd]) \(year(date))\(short[dayEnd...])"
    }

    /// Parses `30s`, `5m`, `2h`, `1d` (a whole or decimal number and one unit).
    public static func parseDuration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let number = Double(text.dropLast()), number >= 0, number.isFinite,
            text.dropLast().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
        else { return nil }
        let seconds: TimeInterval
        switch unit {
        case "s": seconds = number
        case "m": seconds = number * 60
        case "h": seconds = number * 3600
        case "d": seconds = number * 86400
        default: return nil
        }
        // Longer than any real soak, stale limit or timeout: a typo, and beyond what dates can hold.
        return seconds <= maxDuration ? seconds : nil
    }

    /// The longest duration a status file may give: 100 years.
    public static let maxDuration: TimeInterval = 100 * 365 * 86400

    /// A compact age for people: `42s`, `5m`, `3h`, `2d`.
    public static func formatAge(_ seconds: TimeInterval) -> String {
        // Clamped: a duration from a file (or two far-apart dates) must never trap the conversion.
        let s = seconds.isFinite ? Int(min(max(seconds, 0), maxDuration * 100)) : 0
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 {
            let h = s / 3600
            let m = (s % 3600) / 60
            return m == 0 || h >= 10 ? "\(h)h" : "\(h)h\(m)m"
        }
        let d = s / 86400
        let h = (s % 86400) / 3600
        return h == 0 || d >= 10 ? "\(d)d" : "\(d)d\(h)h"
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
