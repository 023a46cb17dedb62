// Whether an actor may run a command on a snapshot: the one rule book the store, git replay and the dashboard ask.
import Foundation

/// The environment a command names, found in the pipeline.
public struct CommandTarget: Sendable, Equatable {
    public var pipeline: Pipeline
    public var environment: EnvironmentConfig
    /// Its place in the pipeline (0: the first environment).
    public var index: Int
}

/// Whether an actor may run a command, in the order the SPEC checks: the first reason it may not, or nil.
public enum Authorization {
    /// The first refusal of `command` by `actor` on `snapshot` at `now`, or nil when it may run.
    ///
    /// `confirmed`: the actor confirmed a change to a protected environment (`--yes`, or the dashboard's dialog).
    /// `history`: for a rollback, what the audit log records the environment running. Without it only what the
    /// snapshot decides is checked (the environment, its version, the approver rule): the dashboard asks that
    /// before the log is read; the store asks again with the history before it writes.
    public static func check(
        _ command: Command, by actor: String, on snapshot: Snapshot, now: Date, confirmed: Bool = true,
        history: RunHistory? = nil
    ) -> Refusal? {
        switch command {
        case .promote(let version, let target, _):
            return promotion(version, into: target, by: actor, on: snapshot, now: now, confirmed: confirmed)
        case .rollback(let target, let to, _):
            return rollback(target, to: to, by: actor, on: snapshot, confirmed: confirmed, history: history)
        case .approve(let version, let target):
            switch environment(target, in: snapshot) {
            case .failure(let refusal): return refusal
            case .success(let t):
                if let refusal = releaseRefusal(version, in: snapshot) { return refusal }
                if let refusal = approverRefusal(actor, t.environment, to: "approve") { return refusal }
                return authorRefusal(actor, version, t.environment, on: snapshot)
            }
        case .setItem(let version, let item, _, _):
            guard let pipeline = snapshot.pipeline else { return .pipelineUnreadable }
            if item == ChecklistItem.approvalID { return .approvalIsComputed }
            guard pipeline.isKnownItem(item) else { return .unknownItem(item, pipeline: pipeline) }
            return releaseRefusal(version, in: snapshot)
        }
    }

    /// The environment `name` of a readable, problem-free pipeline, or why a command cannot name it.
    public static func environment(_ name: String, in snapshot: Snapshot) -> Result<CommandTarget, Refusal> {
        guard let pipeline = snapshot.pipeline else { return .failure(.pipelineUnreadable) }
        if let p = snapshot.problems.first(where: { $0.path == "airlock.yaml" }) {
            return .failure(.pipelineProblem(p))
        }
        guard Names.isValidEnvironment(name), let index = pipeline.index(of: name) else {
            return .failure(.unknownEnvironment(name, pipeline: pipeline))
        }
        return .success(CommandTarget(pipeline: pipeline, environment: pipeline.environments[index], index: index))
    }

    /// What a rollback of `name` needs before its history is read: the environment and the version it runs.
    public static func rollbackStart(_ name: String, in snapshot: Snapshot) -> Result<String, Refusal> {
        if case .failure(let refusal) = environment(name, in: snapshot) { return .failure(refusal) }
        guard let current = snapshot.environments[name]?.version else { return .failure(.noVersion(name)) }
        return .success(current)
    }

    /// Why `version` has no usable release file, or nil when it has one.
    public static func releaseRefusal(_ version: String, in snapshot: Snapshot) -> Refusal? {
        if let p = snapshot.problems.first(where: { $0.path == "releases/\(version).yaml" }) {
            return .releaseProblem(p, fix: "file")
        }
        if let p = snapshot.problems.first(where: { $0.path == "releases" }) {
            return .releaseProblem(p, fix: "folder")
        }
        return snapshot.releases[version] == nil ? .noRelease(version) : nil
    }

    static func approverRefusal(_ actor: String, _ env: EnvironmentConfig, to what: String) -> Refusal? {
        env.approvers.contains(actor) ? nil : .notApprover(actor, env, to: what)
    }

    /// Four eyes: the author of `version` may not approve it for an environment that separates duties.
    static func authorRefusal(_ actor: String, _ version: String, _ env: EnvironmentConfig, on snapshot: Snapshot)
        -> Refusal?
    {
        guard env.separateDuties, let author = snapshot.releases[version]?.createdBy, author == actor else {
            return nil
        }
        return .authorCannotApprove(actor, version: version, env.name)
    }

    /// Four eyes: into an environment that separates duties, the approvals that count without the actor's own must
    /// reach its quorum.
    static func quorumRefusal(_ actor: String, _ version: String, _ env: EnvironmentConfig, on snapshot: Snapshot)
        -> Refusal?
    {
        guard env.separateDuties, env.requiredApprovals > 0 else { return nil }
        let others = Rules.approvals(of: snapshot.releases[version], for: env).filter { $0.by != actor }.count
        guard others < env.requiredApprovals else { return nil }
        return .promoterNeededForQuorum(
            actor, version: version, env.name, without: others, need: env.requiredApprovals)
    }

    static func promotion(
        _ version: String, into target: String, by actor: String, on snapshot: Snapshot, now: Date, confirmed: Bool
    ) -> Refusal? {
        let t: CommandTarget
        switch environment(target, in: snapshot) {
        case .failure(let refusal): return refusal
        case .success(let found): t = found
        }
        guard t.index > 0 else { return .firstEnvironment(target) }
        let source = t.pipeline.environments[t.index - 1].name
        if t.environment.protected, let refusal = approverRefusal(actor, t.environment, to: "promote into it") {
            return refusal
        }
        guard let pending = Rules.pending(into: t.index, snapshot: snapshot, now: now), pending.version == version
        else {
            return .notWaiting(version, into: target, from: source, snapshot: snapshot)
        }
        switch pending.state {
        case .inProgress: return .promotionInProgress(version, into: target)
        case .blocked: return .blocked(pending, titles: Facts.checklistTitles(t.pipeline), now: now)
        case .ready: break
        }
        if let refusal = quorumRefusal(actor, version, t.environment, on: snapshot) { return refusal }
        return t.environment.protected && !confirmed ? .unconfirmed(target, what: "promotion") : nil
    }

    static func rollback(
        _ target: String, to: String?, by actor: String, on snapshot: Snapshot, confirmed: Bool,
        history: RunHistory?
    ) -> Refusal? {
        let current: String
        switch rollbackStart(target, in: snapshot) {
        case .failure(let refusal): return refusal
        case .success(let version): current = version
        }
        guard let env = snapshot.pipeline?.environment(named: target) else { return .pipelineUnreadable }
        guard let history else {
            return env.protected ? approverRefusal(actor, env, to: "roll it back") : nil
        }
        guard let version = to ?? history.previousOfCurrent else { return .noEarlierVersion(target) }
        if let refusal = releaseRefusal(version, in: snapshot) { return refusal }
        if env.protected, let refusal = approverRefusal(actor, env, to: "roll it back") { return refusal }
        if version == current { return .alreadyRuns(target, version) }
        if let request = snapshot.promotions[target], request.version == version, request.kind == .rollback {
            return .rollbackInProgress(target, to: version)
        }
        if env.protected && !confirmed { return .unconfirmed(target, what: "rollback") }
        if let why = Rules.rollbackRefusal(
            env: target, current: current, target: version, history: history, releases: snapshot.releases)
        {
            return .rollbackRule(target, to: version, why)
        }
        return nil
    }
}
