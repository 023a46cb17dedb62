// The fleet screen's columns: one order of every pipeline's environments that respects each pipeline's own order.
import Foundation

extension Facts {
    /// The union of the members' environments in an order that keeps every pipeline's order (a merge of the
    /// orders); ties go to the environment seen first (members in fleet order, environments in pipeline order).
    /// Orders that contradict each other (qa before staging in one pipeline, after it in another) cannot all be
    /// kept: the environment seen first goes first.
    public static func fleetColumns(_ members: [FleetMember]) -> [String] {
        var firstSeen: [String: Int] = [:]
        var after: [String: Set<String>] = [:]
        var before: [String: Int] = [:]
        for member in members {
            let names = member.snapshot.pipeline?.environments.map(\.name) ?? []
            for name in names where firstSeen[name] == nil {
                firstSeen[name] = firstSeen.count
                before[name] = 0
            }
            for (a, b) in zip(names, names.dropFirst()) where a != b && after[a, default: []].insert(b).inserted {
                before[b, default: 0] += 1
            }
        }
        var columns: [String] = []
        var left = Set(firstSeen.keys)
        while !left.isEmpty {
            let free = left.filter { (before[$0] ?? 0) == 0 }
            // A contradiction leaves nothing free: take the first seen of what is left.
            let pool = free.isEmpty ? left : free
            guard let next = pool.min(by: { (firstSeen[$0] ?? 0) < (firstSeen[$1] ?? 0) }) else { break }
            columns.append(next)
            left.remove(next)
            for b in after[next] ?? [] where left.contains(b) { before[b, default: 1] -= 1 }
        }
        return columns
    }
}
