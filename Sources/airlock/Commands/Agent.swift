// `airlock agent`: runs unattended on a pipeline or fleet root: history, notifications, auto-promotion.
import AirlockCore
import AirlockStore
import ArgumentParser
import Foundation

struct Agent: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run unattended: record history, notify and auto-promote on a pipeline or fleet root.",
        discussion: """
            Follows the root (inotify, else polling) and appends the deployed/health audit lines airlock report \
            would, for every change of an environment's version or health the audit log does not record yet, by \
            whichever program wrote the file; runs the notify: commands and promotes ready candidates into \
            auto_promote environments. On a fleet root it does this for every pipeline (fleet.yaml's notify: \
            applies to each). One agent per root: a second exits 1 naming the running one, and so does an agent \
            on a pipeline its fleet's agent looks after. One line per action on stderr; SIGTERM or SIGINT finishes \
            what is in flight and exits 0.
            """)
    @OptionGroup var common: CommonOptions
    @Option(name: .long, help: ArgumentHelp("Who the audit lines name.", valueName: "ID"))
    var actor = "airlock-agent"

    /// How long a stopping agent waits for notify commands under way.
    static let notifyGrace: TimeInterval = 10

    func run() throws {
        let target = try common.resolveTarget()
        guard !actor.isEmpty, Sanitize.line(actor) == actor, actor.count <= 64 else {
            throw CommandFailure(
                "--actor \"\(Sanitize.value(actor))\": one line of at most 64 characters", code: CommandFailure.badInput
            )
        }
        let (root, fleet): (String, Bool)
        switch target {
        case .pipeline(let r): (root, fleet) = (r, false)
        case .fleet(let r): (root, fleet) = (r, true)
        }
        let lock: AgentLock
        do { lock = try AgentLock(root: root, actor: actor) } catch {
            throw CommandFailure(error.message, code: CommandFailure.failed)
        }
        let following = Following(root: root, fleet: fleet)
        defer {
            following.stop()
            withExtendedLifetime(lock) {}
        }
        following.startSync { error in
            printErr("airlock: agent: " + (error.map { "sync: \($0)" } ?? "sync: synced again"))
        }
        let what = fleet ? "the fleet at" : ""
        printErr("airlock: agent: following \(what.isEmpty ? "" : what + " ")\(root) as \(actor) (pid \(getpid()))")
        var agents = AgentSet(root: root, actor: actor, common: common, lock: lock, fleet: fleet)
        let stop: @Sendable () -> Bool = { following.signalCaught != 0 }
        while true {
            agents.step(following.follower.reading, stop: stop)
            if following.signalCaught != 0 { break }
            if case .interrupted = following.follower.next(until: agents.wake), following.signalCaught != 0 { break }
        }
        agents.tally.publish()
        let deadline = Date().addingTimeInterval(Self.notifyGrace)
        let unfinished = agents.notifiers.filter { !$0.finish(within: max(0, deadline.timeIntervalSinceNow)) }
        if !unfinished.isEmpty {
            printErr(
                "airlock: agent: notify commands still running after \(Int(Self.notifyGrace)) s: exiting without "
                    + "them (no retries; their process groups are stopped)")
        }
        printErr("airlock: agent: stopped by \(Following.name(following.signalCaught))")
        agents.tally.close()
    }
}
