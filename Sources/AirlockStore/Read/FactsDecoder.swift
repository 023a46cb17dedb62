// Decoding an environment's `facts:` in airlock.yaml: a flat map of name -> text, every other shape a problem.
import AirlockCore
import Foundation

extension FileDecoder {
    /// The most facts one environment may state; more is a problem (the rest are not read).
    static let factLimit = 64

    /// `environments[i].facts`: a flat map name -> scalar text, in file order. A list or mapping as a value, an
    /// empty value, an empty or repeated name, and a list or text instead of the map are problems with their line.
    mutating func facts(_ node: YNode?, environment: String) -> [EnvironmentFact] {
        guard let pairs = mapping(node, "\(environment).facts") else { return [] }
        var out: [EnvironmentFact] = []
        var seen = Set<String>()
        for p in pairs {
            let what = "\(environment).facts.\(p.key)"
            if out.count == Self.factLimit {
                problem(p.keyLine, "\(environment).facts: more than \(Self.factLimit) facts; the rest are not read")
                break
            }
            if p.key.trimmingCharacters(in: .whitespaces).isEmpty {
                problem(p.keyLine, "\(environment).facts: a fact needs a name")
                continue
            }
            if !seen.insert(p.key).inserted {
                problem(p.keyLine, "\(what): listed twice")
                continue
            }
            switch p.value {
            case .scalar(let s) where !s.isNull && s.text.trimmingCharacters(in: .whitespaces).isEmpty:
                problem(p.value.line, "\(what): expected text, found an empty value")
            case .scalar(let s) where !s.isNull:
                out.append(EnvironmentFact(name: p.key, value: s.text))
            case .scalar:
                problem(p.keyLine, "\(what): expected text, found nothing")
            case .sequence:
                problem(p.value.line, "\(what): expected one value (text), found a list")
            case .mapping:
                problem(p.value.line, "\(what): expected one value (text), found a mapping (facts are flat)")
            }
        }
        return out
    }
}
