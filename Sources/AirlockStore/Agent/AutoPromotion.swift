// Which promotions the agent makes by itself: ready candidates into `auto_promote` environments, not held.
import AirlockCore
import Foundation

/// The agent's auto-promotion: the candidates it promotes, and the same runner `airlock promote` uses to do it.
public enum AutoPromotion {
    /// The reason recorded on the promotions the agent makes.
    public static let reason = "auto"

    /// Ready candidates into environments with `auto_promote: true` and no hold (`held` names the held ones).
    public static func due(_ snap: Snapshot, held: Set<String>, now: Date) -> [PendingPromotion] {
        guard let pipeline = snap.pipeline else { return [] }
        return pipeline.environments.indices.compactMap { i in
            let env = pipeline.environments[i]
            guard env.autoPromote, !env.protected, !held.contains(env.name),
                let p = Rules.pending(into: i, snapshot: snap, now: now), p.state == .ready
            else { return nil }
            return p
        }
    }

    /// Promotes `p` as `airlock promote V --to ENV --reason auto` would: the rules checked again under the lock,
    /// one audit line, then the pipeline's hook (stopped when `stop` says so). Returns one line saying what
    /// happened, and whether the promotion was recorded.
    public static func promote(_ p: PendingPromotion, store: Store, actor: String, stop: @escaping @Sendable () -> Bool)
        -> (line: String, recorded: Bool)
    {
        let what = "\(Sanitize.value(p.version)) into \(Sanitize.value(p.to))"
        do {
            let outcome = try CommandRunner(store: store).run(
                .promote(version: p.version, to: p.to, reason: reason), actor: actor, confirmed: true,
                runHook: { argv in HookRunner.run(argv, root: store.root, control: ProcessControl(stopWhen: stop)) })
            var line = "promoted \(what) (\(reason))"
            if let failure = outcome.hookFailure { line += "; \(Sanitize.line(failure))" }
            if let warning = outcome.result.warning { line += "; warning: \(Sanitize.line(warning))" }
            return (line, true)
        } catch {
            return ("cannot promote \(what): \(Sanitize.line(error.message))", false)
        }
    }
}
