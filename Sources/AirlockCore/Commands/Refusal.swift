// Why a command is not carried out: every refusal's one message, written here and nowhere else.
import Foundation

/// Why a command may not run. `kind` gives the SPEC's exit code: refused by the rules (1) or bad input (2).
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable { case refused, badInput }

    public var kind: Kind
    public var message: String
    /// Blocker codes when the rules block a promotion.
    public var blockers: [String]

    public init(_ kind: Kind, _ message: String, blockers: [String] = []) {
        self.kind = kind
        self.message = message
        self.blockers = blockers
    }

    public var description: String { message }
}

extension Refusal {
    static let pipelineUnreadable = Refusal(.badInput, "airlock.yaml: cannot be read (run airlock check)")

    static func pipelineProblem(_ p: Problem) -> Refusal {
        Refusal(.refused, "airlock.yaml has problems; fix them first: \(p)")
    }

    static func unknownEnvironment(_ name: String, pipeline: Pipeline) -> Refusal {
        let known = pipeline.environments.map(\.name).joined(separator: ", ")
        return Refusal(.badInput, "unknown environment \"\(name)\" (the pipeline has: \(known))")
    }

    static func firstEnvironment(_ name: String) -> Refusal {
        Refusal(.badInput, "\(name) is the first environment; nothing is promoted into it")
    }

    static func notApprover(_ actor: String, _ env: EnvironmentConfig, to what: String) -> Refusal {
        let list = env.approvers.isEmpty ? "nobody is listed" : "approvers: " + env.approvers.joined(separator: ", ")
        return Refusal(.refused, "\(actor) is not an approver of \(env.name) and cannot \(what) (\(list))")
    }

    /// Four eyes: the release's author approving it for an environment that separates duties.
    static func authorCannotApprove(_ actor: String, version: String, _ env: String) -> Refusal {
        Refusal(
            .refused,
            "\(actor) created \(version) (created_by in releases/\(version).yaml) and cannot approve it for \(env): "
                + "\(env) separates duties")
    }

    /// Four eyes: the promoter's own approval is needed to reach the environment's quorum. (A ready promotion has
    /// the quorum, so without the promoter's approval exactly one is missing.)
    static func promoterNeededForQuorum(
        _ actor: String, version: String, _ env: String, without have: Int, need: Int
    ) -> Refusal {
        Refusal(
            .refused,
            // The way out first: the status line of a narrow terminal keeps the start.
            "someone else must promote \(version), or one more approval is needed: \(env) separates duties and "
                + "\(actor)'s own approval is needed for its quorum (\(have)/\(need) without it)")
    }

    static func notWaiting(_ version: String, into target: String, from source: String, snapshot: Snapshot) -> Refusal {
        let aRuns = snapshot.environments[source]?.version ?? "no version"
        let bRuns = snapshot.environments[target]?.version ?? "no version"
        return Refusal(
            .refused, "\(version) is not waiting to enter \(target): \(source) runs \(aRuns), \(target) runs \(bRuns)")
    }

    /// Nothing waits to enter `environment` (the dashboard's promote key with nothing pending).
    public static func nothingWaiting(_ environment: String) -> Refusal {
        Refusal(.refused, "nothing is waiting to enter \(environment)")
    }

    /// Nothing waits to enter `environment`, so there is no release to approve (the dashboard's approve key).
    public static func nothingToApprove(_ environment: String) -> Refusal {
        Refusal(.refused, "nothing is waiting to enter \(environment), so there is nothing to approve")
    }

    static func promotionInProgress(_ version: String, into target: String) -> Refusal {
        Refusal(.refused, "\(version) into \(target) is already requested and in progress")
    }

    static func blocked(_ pending: PendingPromotion, titles: [String: String], now: Date) -> Refusal {
        let words = pending.blockers.map { "\($0.code) (\($0.explanation(now: now, titles: titles)))" }
        return Refusal(
            .refused, "\(pending.version) cannot enter \(pending.to): " + words.joined(separator: "; "),
            blockers: pending.blockers.map(\.code))
    }

    static func unconfirmed(_ target: String, what: String) -> Refusal {
        Refusal(.refused, "\(target) is protected: confirm the \(what) (--yes)")
    }

    static func noVersion(_ target: String) -> Refusal {
        Refusal(.badInput, "\(target) reports no version; there is nothing to roll back")
    }

    static func noEarlierVersion(_ target: String) -> Refusal {
        Refusal(.badInput, "no earlier version of \(target) is known from the audit log; name one with --to VERSION")
    }

    static func alreadyRuns(_ target: String, _ version: String) -> Refusal {
        Refusal(.refused, "\(target) already runs \(version)")
    }

    static func rollbackInProgress(_ target: String, to version: String) -> Refusal {
        Refusal(.refused, "a rollback of \(target) to \(version) is already requested and in progress")
    }

    static func rollbackRule(_ target: String, to version: String, _ why: String) -> Refusal {
        Refusal(.refused, "cannot roll \(target) back to \(version): \(why)")
    }

    static func releaseProblem(_ p: Problem, fix what: String) -> Refusal {
        Refusal(.badInput, "\(p.description) (fix the \(what) first)")
    }

    /// A version that cannot name a release file (`../x`): as `promote` says it.
    static func invalidVersion(_ version: String) -> Refusal {
        Refusal(.badInput, "\"\(version)\" is not a valid version (letters, digits, '.', '_', '+', '-'; no paths)")
    }

    static func noRelease(_ version: String) -> Refusal {
        Refusal(.badInput, "no release \(version): releases/\(version).yaml does not exist (CI creates release files)")
    }

    static let approvalIsComputed = Refusal(
        .badInput, "approval is computed from recorded approvals and cannot be ticked (use approve)")

    static func unknownItem(_ item: String, pipeline: Pipeline) -> Refusal {
        let ids = pipeline.checklistItems.filter { !$0.computed }.map(\.id).joined(separator: ", ")
        return Refusal(.badInput, "unknown checklist item \"\(item)\" (known: \(ids))")
    }
}
