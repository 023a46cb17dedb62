// Decoding `notify:` in airlock.yaml: a list of {on: [EVENTS], run: [argv...], timeout: DUR}.
import AirlockCore
import Foundation

extension FileDecoder {
    /// The most notify entries read; more is a problem.
    static let notifyLimit = 32

    /// `notify:`: each entry's events must be known, its argv non-empty; a bad entry is a problem with its line and
    /// is not used.
    mutating func notify(_ node: YNode?) -> [NotifyRule] {
        guard let items = sequence(node, "notify") else { return [] }
        var out: [NotifyRule] = []
        let known = AgentEventKind.allCases.map(\.rawValue).joined(separator: ", ")
        for (i, item) in items.enumerated() {
            let what = "notify[\(i)]"
            if i == Self.notifyLimit {
                problem(item.line, "notify: more than \(Self.notifyLimit) entries; the rest are not read")
                break
            }
            guard mapping(item, what) != nil else { continue }
            var events = Set<AgentEventKind>()
            var good = true
            for name in stringList(item["on"], "\(what).on") ?? [] {
                if let e = AgentEventKind(rawValue: name) {
                    events.insert(e)
                } else {
                    problem(item["on"]?.line, "\(what).on: unknown event \(Sanitize.value(name)) (expected \(known))")
                    good = false
                }
            }
            if events.isEmpty && good {
                problem(item["on"]?.line ?? item.line, "\(what).on: expected a non-empty list of events")
                good = false
            }
            let argv = stringList(item["run"], "\(what).run") ?? []
            if argv.isEmpty {
                problem(item["run"]?.line ?? item.line, "\(what).run: expected a non-empty argv list")
                good = false
            }
            var timeout = NotifyRule.defaultTimeout
            if item["timeout"] != nil, let t = duration(item["timeout"], "\(what).timeout") {
                if t < 1 { problem(item["timeout"]?.line, "\(what).timeout: must be at least 1s") } else { timeout = t }
            }
            if good { out.append(NotifyRule(on: events, run: argv, timeout: timeout)) }
        }
        return out
    }
}
