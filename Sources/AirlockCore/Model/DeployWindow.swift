// A deploy window of airlock.yaml: the wall-clock hours (days, from, until, zone) when promotions may enter.
import Foundation

/// A day of the week as `windows[].days` names it.
public enum Weekday: Int, Sendable, Equatable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    public var name: String { String(describing: self) }

    public init?(name: String) {
        guard let day = Weekday.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = day
    }

    /// The day before this one.
    public var previous: Weekday { Weekday(rawValue: (rawValue + 6) % 7) ?? .sun }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}

/// When promotions may enter some environments: on `days`, from `from` until `until` on the wall clock of `zone`.
/// `until` at or before `from` runs across midnight into the next day (which need not be listed).
public struct DeployWindow: Sendable, Equatable {
    public var name: String
    public var environments: [String]
    public var days: Set<Weekday>
    /// Minutes after midnight, 0..<1440.
    public var from: Int
    /// Minutes after midnight, 1...1440 (1440: `24:00`, the end of the day).
    public var until: Int
    public var zone: TimeZone

    public init(
        name: String, environments: [String], days: Set<Weekday> = Set(Weekday.allCases), from: Int, until: Int,
        zone: TimeZone = TimeZone(secondsFromGMT: 0) ?? .current
    ) {
        self.name = name
        self.environments = environments
        self.days = days
        self.from = from
        self.until = until
        self.zone = zone
    }

    /// The name a window without `name` gets: its hours, `09:00-16:00`.
    public static func defaultName(from: Int, until: Int) -> String {
        "\(clock(from))-\(clock(until))"
    }

    /// `HH:MM` for minutes after midnight (1440 is `24:00`).
    public static func clock(_ minutes: Int) -> String {
        let m = max(0, min(minutes, 1440))
        return String(format: "%02d:%02d", m / 60, m % 60)
    }

    /// `HH:MM` (two digits each) as minutes after midnight: 00:00 to 23:59, and 24:00 when `endOfDay` is allowed.
    public static func parseClock(_ text: String, endOfDay: Bool) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let h = Int(parts[0]), let m = Int(parts[1]), m <= 59
        else { return nil }
        if h == 24 && m == 0 && endOfDay { return 1440 }
        return h <= 23 ? h * 60 + m : nil
    }
}
