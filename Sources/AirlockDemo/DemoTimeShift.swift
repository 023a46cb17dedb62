// The demo's times moved forward by whole weeks to the present, so its history is recent whenever the demo runs.

import AirlockCore
import Foundation

/// The demo root is written as of one Sunday (`anchor`). Copied for `airlock demo`, every time in its files (the
/// audit log's, `deployed_at`, `created_at`, approvals, freezes) moves forward by the whole weeks since then, so
/// the delivery metrics' last 30 days hold its history and weekdays stay weekdays; before the anchor nothing moves.
public enum DemoTimeShift {
    public static let anchor = TimeFormat.parseTimestamp("2026-11-22T00:00:00Z") ?? Date(timeIntervalSince1970: 0)

    /// Whole weeks from the anchor to `now` (zero before it).
    public static func offset(now: Date) -> TimeInterval {
        let weeks = (now.timeIntervalSince(anchor) / DeliveryPeriod.week).rounded(.down)
        return weeks > 0 ? weeks * DeliveryPeriod.week : 0
    }

    private static let pattern = try? NSRegularExpression(
        pattern: "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")

    /// The text with every UTC time `YYYY-MM-DDTHH:MM:SSZ` moved by `offset` seconds.
    public static func shift(_ text: String, by offset: TimeInterval) -> String {
        guard offset != 0, let pattern else { return text }
        let ns = text as NSString
        var out = ""
        var last = 0
        for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let found = ns.substring(with: m.range)
            out +=
                TimeFormat.parseTimestamp(found).map { TimeFormat.formatTimestamp($0.addingTimeInterval(offset)) }
                ?? found
            last = m.range.location + m.range.length
        }
        return out + ns.substring(from: last)
    }
}
