// The views that open over the main screen, topmost last in `AppState.overlays`.

public enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case details(environment: String, scroll: Int)
    case checklist(version: String, target: String?, cursor: Int)
    case log(scroll: Int)
    case drift(environment: String, scroll: Int)
    case confirm(Confirmation)
    case filter(String)
    /// The fleet's `:` prompt: a pipeline's name to jump to (Tab completes).
    case jump(String)
    /// Choosing the version to roll an environment back to, when the audit log does not say.
    case pickRollback(environment: String, versions: [String], cursor: Int)
    /// Delivery metrics of the pipeline (`I`), read from the whole audit log.
    case stats(scroll: Int)
}
