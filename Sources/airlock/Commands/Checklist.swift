// `airlock checklist V [--done ID | --undo ID] [--note T]`: show or change a release's checklist.
import AirlockCore
import AirlockStore
import ArgumentParser

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist", abstract: "Show or change a release's checklist.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The release.") var version: String
    @Option(name: .long, help: ArgumentHelp("Tick an item.", valueName: "ID")) var done: String?
    @Option(name: .long, help: ArgumentHelp("Untick an item.", valueName: "ID")) var undo: String?
    @Option(name: .long, help: ArgumentHelp("A note for the item ticked or unticked.", valueName: "TEXT")) var note:
        String?

    func validate() throws {
        if done != nil && undo != nil { throw ValidationError("use --done or --undo, not both") }
        if note != nil && done == nil && undo == nil {
            throw ValidationError("--note goes with --done ID or --undo ID")
        }
    }

    func run() throws {
        let root = try common.resolvePipelineRoot()
        let actor = Identity.actor()
        if let item = done ?? undo {
            let command = Command.setItem(version: version, item: item, done: done != nil, note: note)
            try perform(common.store(root), command, actor: actor)
            return
        }
        let badInput = CommandFailure.badInput
        guard Names.isValidVersion(version) else {
            throw CommandFailure("\"\(Sanitize.line(version))\" is not a valid version", code: badInput)
        }
        let snap = RootLoader(root: root).load()
        guard let pipeline = snap.pipeline else {
            throw CommandFailure("airlock.yaml: cannot be read (run airlock check)", code: badInput)
        }
        guard let release = snap.releases[version] else {
            if let p = snap.problems.first(where: { $0.path == "releases/\(version).yaml" }) {
                throw CommandFailure(p.description, code: badInput)
            }
            throw CommandFailure("no release \(version): releases/\(version).yaml does not exist", code: badInput)
        }
        Console.out(StatusTable.checklist(release, pipeline: pipeline))
    }
}
