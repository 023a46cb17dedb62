// Every byte the command line prints goes through the store's sanitizing writer.
import AirlockStore

/// One line on stderr: a newline inside the message (from a value) becomes a space.
func printErr(_ message: String) {
    Console.err(Sanitize.line(message))
}

/// Every `print` of the command line goes through the sanitizing writer (which also notices a failed write):
/// this shadows the standard library's for the whole module.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Console.plain(items.map { "\($0)" }.joined(separator: separator) + terminator)
}
