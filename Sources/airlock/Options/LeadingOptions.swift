// Common options before the command, as with git (`airlock --root DIR status`), and unknown commands named.
import AirlockStore
import ArgumentParser

enum LeadingOptions {
    /// The commands' names as the root command declares them, then `help`.
    static var commandNames: [String] {
        Airlock.configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// Moves the common options that come before the command to after it, and names an unknown command as such
    /// instead of as a stray argument of the default command.
    static func arrange(_ args: [String]) throws(CommandFailure) -> [String] {
        let spelled = CommonOptions.valueOptionNames.map { "--" + $0 }
        var leading: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if spelled.contains(a) {
                leading.append(a)
                if i + 1 < args.count { leading.append(args[i + 1]) }
                i += 2
            } else if spelled.contains(where: { a.hasPrefix($0 + "=") }) {
                leading.append(a)
                i += 1
            } else {
                break
            }
        }
        guard i < args.count else { return args }
        let word = args[i]
        if word.hasPrefix("-") { return args }
        let names = commandNames
        guard names.contains(word) else {
            let listed = names.dropLast().joined(separator: ", ")
            throw CommandFailure(
                "unknown command \"\(Sanitize.line(word))\" (commands: \(listed); see airlock --help)",
                code: CommandFailure.badInput)
        }
        return [word] + leading + Array(args[(i + 1)...])
    }
}
