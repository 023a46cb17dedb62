// What a command acts on: one pipeline's folder, or a whole fleet (SPEC section 3, --pipeline).
import AirlockStore
import Foundation

/// The root a command runs on once `--pipeline` is taken into account.
enum Target {
    /// A pipeline root: the root itself, or the fleet member --pipeline names.
    case pipeline(root: String)
    /// A fleet root and no --pipeline: the commands that read may act on every pipeline.
    case fleet(root: String)
}

extension CommonOptions {
    /// --pipeline, else AIRLOCK_PIPELINE (empty is unset).
    var pipelineName: String? {
        pipeline ?? ProcessInfo.processInfo.environment["AIRLOCK_PIPELINE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The root, and with --pipeline on a fleet the member's folder. On a pipeline root --pipeline must name it.
    func resolveTarget() throws(CommandFailure) -> Target {
        let root = try resolveRoot()
        let wanted = pipelineName
        guard case .fleet = RootKind.of(root) else {
            if let wanted, let name = FleetLoader.pipelineName(root: root), name != wanted {
                throw CommandFailure(
                    "no pipeline \"\(Sanitize.line(wanted))\": the root is pipeline \(Sanitize.line(name))",
                    code: CommandFailure.badInput)
            }
            return .pipeline(root: root)
        }
        guard let wanted else { return .fleet(root: root) }
        let entries = FleetLoader.entries(root: root)
        let matches = entries.filter { $0.name == wanted }
        guard let member = matches.first else {
            throw CommandFailure(
                "no pipeline \"\(Sanitize.line(wanted))\" in the fleet (pipelines: \(Self.listed(entries)))",
                code: CommandFailure.badInput)
        }
        guard matches.count == 1 else {
            let paths = matches.map { Sanitize.line($0.folder) + "/airlock.yaml" }.joined(separator: " and ")
            throw CommandFailure(
                "two pipelines are named \(Sanitize.line(wanted)): \(paths) (rename one)", code: CommandFailure.badInput
            )
        }
        return .pipeline(root: root + "/" + member.folder)
    }

    /// The one pipeline a command that changes or shows one pipeline acts on: on a fleet, --pipeline is required.
    func resolvePipelineRoot() throws(CommandFailure) -> String {
        switch try resolveTarget() {
        case .pipeline(let root): return root
        case .fleet(let root):
            let entries = FleetLoader.entries(root: root)
            throw CommandFailure(
                "this root is a fleet of \(entries.count) pipelines: name one with --pipeline NAME "
                    + "(pipelines: \(Self.listed(entries)))",
                code: CommandFailure.badInput)
        }
    }

    /// Pipeline names for a message, sanitized, at most 40 then a count of the rest.
    static func listed(_ entries: [FleetLoader.Entry]) -> String {
        let names = entries.prefix(40).map { Sanitize.value($0.name, limit: 64) }
        let more = entries.count > 40 ? ", and \(entries.count - 40) more" : ""
        return names.isEmpty ? "none" : names.joined(separator: ", ") + more
    }
}
