// `airlock wait V --env B`: block until B runs V (with --healthy, healthy and not stale), telling each change.
import AirlockCore
import AirlockStore
import ArgumentParser
import Foundation

struct Wait: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Wait until an environment runs VERSION.",
        discussion: """
            Exit 0 when it does; 1 when VERSION can no longer arrive (its request was replaced, the environment \
            moved on, or with --healthy it stays down past --fail-after); 124 when --timeout runs out; 2 for an \
            unknown environment or release. Each change seen is one line on stderr.
            """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "The release to wait for.") var version: String
    @Option(name: .long, help: ArgumentHelp("The environment that should run it.", valueName: "ENV")) var env: String
    @Flag(name: .long, help: "Also wait until it is healthy and its heartbeat is not stale.") var healthy = false
    @Option(name: .long, help: ArgumentHelp("Give up after this long (30s, 5m, 1h; 0: never).", valueName: "DUR"))
    var timeout = "30m"
    @Option(
        name: .long,
        help: ArgumentHelp("With --healthy: fail when it reports down this long without a break.", valueName: "DUR"))
    var failAfter = "2m"
    @Flag(name: .long, help: "Print the environment's final state as JSON (status --json's environment object).")
    var json = false

    func run() throws {
        let timeoutSeconds = try Self.duration(timeout, option: "--timeout")
        let failAfterSeconds = try Self.duration(failAfter, option: "--fail-after")
        let root = try common.resolvePipelineRoot()
        let following = Following(root: root, fleet: false)
        defer { following.stop() }
        let follower = following.follower
        var judge = WaitJudge(
            environment: env, version: version, healthy: healthy, failAfter: failAfterSeconds,
            timeout: timeoutSeconds == 0 ? nil : timeoutSeconds, start: Date())
        following.startSync { error in
            printErr("airlock: " + (error.map { "sync: \($0) (still waiting)" } ?? "sync: synced again"))
        }
        // With sync.git, the first verdict comes after the first sync attempt (a stale local copy judged at once
        // could end the wait on old news); git's own time limits bound it, --timeout and signals still end it.
        while following.firstSyncPending {
            let wake = follower.next(until: judge.deadline)
            if wake == .deadline { break }
            if wake == .interrupted, case .pipeline(let snap) = follower.reading {
                try stopIfSignalled(following, snapshot: snap, judge: judge)
            }
        }
        guard case .pipeline(let first) = follower.reading else { return }
        if let refusal = WaitJudge.refusal(version: version, environment: env, in: first) {
            throw CommandFailure(refusal.message, code: CommandFailure.badInput)
        }
        var lastGood = first.pipeline
        var pipelineProblem: String?
        while true {
            let now = Date()
            guard case .pipeline(var snap) = follower.reading else { return }
            if WaitObservation(environment: env, in: snap) == nil {
                // airlock.yaml broken (or the environment gone from it) meanwhile: said once, and the environment's
                // file still followed with the last good pipeline settings.
                let problem =
                    snap.problems.first { $0.path == "airlock.yaml" }?.description
                    ?? "airlock.yaml no longer lists \(env)"
                if problem != pipelineProblem { printErr("airlock: \(problem) (still waiting)") }
                pipelineProblem = problem
                snap.pipeline = lastGood
            } else {
                pipelineProblem = nil
                lastGood = snap.pipeline
            }
            guard let obs = WaitObservation(environment: env, in: snap) ?? judge.last else { return }
            let (events, verdict) = judge.observe(obs, now: now)
            for e in events { printErr("airlock: " + WaitText.line(e, judge: judge, now: now)) }
            if let verdict { try finish(verdict, judge: judge, snapshot: snap, now: now) }
            switch follower.next(until: judge.nextDeadline(after: now)) {
            case .changed, .deadline, .ended, .synced: continue
            case .interrupted: try stopIfSignalled(following, snapshot: snap, judge: judge)
            }
        }
    }

    /// After a signal: the final state with --json, and the exit 128+N naming the signal.
    private func stopIfSignalled(_ following: Following, snapshot: Snapshot?, judge: WaitJudge) throws(CommandFailure) {
        let sig = following.signalCaught
        guard sig != 0 else { return }
        if json, let snapshot { try printJSON(snapshot, now: Date()) }
        throw CommandFailure(
            "stopped by \(Following.name(sig)) while waiting for \(WaitText.waitingFor(judge, now: Date()))",
            code: 128 + sig)
    }

    private func finish(_ verdict: WaitVerdict, judge: WaitJudge, snapshot: Snapshot, now: Date) throws(CommandFailure)
    {
        if json { try printJSON(snapshot, now: now) }
        let line = WaitText.verdict(verdict, judge: judge, now: now)
        guard verdict.exitCode == 0 else { throw CommandFailure(line, code: verdict.exitCode) }
        printErr("airlock: " + line)
        throw CommandFailure(silentExit: 0)
    }

    /// The environment's final state; a write that fails fails the command (exit 1, one line on stderr).
    private func printJSON(_ snap: Snapshot, now: Date) throws(CommandFailure) {
        guard let config = snap.pipeline?.environments.first(where: { $0.name == env }) else { return }
        Console.data(Report.environment(config, in: snap, now: now).serialized())
        Console.flush()
        if Console.hasFailed { throw CommandFailure(silentExit: CommandFailure.failed) }
    }

    /// `30s`, `2m`, `1h`, `1d`, or `0`; anything else is bad input naming the option.
    static func duration(_ text: String, option: String) throws(CommandFailure) -> TimeInterval {
        if text == "0" { return 0 }
        guard let seconds = TimeFormat.parseDuration(text) else {
            throw CommandFailure(
                "\(option) \"\(Sanitize.value(text))\": expected a duration such as 30s, 2m, 1h or 0",
                code: CommandFailure.badInput)
        }
        return seconds
    }
}
