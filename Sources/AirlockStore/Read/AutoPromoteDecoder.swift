// Decoding an environment's `auto_promote:` in airlock.yaml: a boolean, and never on a protected environment.
import AirlockCore
import Foundation

extension FileDecoder {
    /// `environments[i].auto_promote`: true lets the agent promote a ready candidate into it. On a protected
    /// environment it is a problem with its line (a person must confirm those promotions) and reads as false.
    mutating func autoPromote(_ item: YNode, environment: String, protected: Bool) -> Bool {
        guard let on = bool(item["auto_promote"], "\(environment).auto_promote"), on else { return false }
        if protected {
            problem(
                item["auto_promote"]?.line,
                "\(environment).auto_promote: a protected environment cannot be promoted into automatically")
            return false
        }
        return true
    }
}
