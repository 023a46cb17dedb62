// `airlock release V`: CI creates a release's file, or updates its metadata (never its checklist or approvals).
import AirlockCore
import AirlockStore
import ArgumentParser

struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Create releases/VERSION.yaml, or update its notes, schema or author in place.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The release.") var version: String
    @Option(name: .long, help: ArgumentHelp("The release notes.", valueName: "TEXT")) var notes: String?
    @Option(name: .long, help: ArgumentHelp("The release notes from a file or - (stdin).", valueName: "FILE|-"))
    var notesFile: String?
    @Option(name: .long, help: ArgumentHelp("Migrations the release needs.", valueName: "N")) var schema: String?
    @Option(name: .long, help: ArgumentHelp("Who cut it (default: the actor, when created).", valueName: "ID"))
    var createdBy: String?
    @Option(name: .long, help: ArgumentHelp("When it was cut (default: now, when created).", valueName: "TIME"))
    var createdAt: String?

    func validate() throws {
        if notes != nil && notesFile != nil { throw ValidationError("use --notes or --notes-file, not both") }
    }

    func run() throws {
        let root = try common.resolvePipelineRoot()
        var change = ReleaseMetaChange(version: version)
        change.notes = notes
        change.schema = schema
        change.createdBy = createdBy
        change.createdAt = createdAt
        let actor = Identity.actor()
        try performWrite(common.store(root)) { store throws(OperationError) in
            if let notesFile {
                var text = String(decoding: try ReportInputFile.read(notesFile, option: "--notes-file"), as: UTF8.self)
                if text.hasSuffix("\n") { text.removeLast() }
                change.notes = text
            }
            return try store.release(change, actor: actor)
        }
    }
}
