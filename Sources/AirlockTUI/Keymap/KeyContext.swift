// Where a key is pressed: the main screen or the kind of view on top, which decides the bindings that apply.

/// The set of bindings a key is looked up in: the main screen, or the kind of the topmost view.
public enum KeyContext: CaseIterable, Equatable, Sendable {
    case main, help, details, log, drift, checklist, confirmYesNo, confirmTyped, filter, pickRollback
    /// The delivery-metrics view.
    case stats
    /// The fleet matrix, and its `:` prompt.
    case fleet, jump

    public init(_ state: AppState) {
        guard let top = state.overlays.last else {
            self = state.onFleetMatrix ? .fleet : .main
            return
        }
        self.init(top)
    }

    /// Every kind of view is named here: a new one does not compile until it has its bindings.
    public init(_ overlay: Overlay) {
        switch overlay {
        case .help: self = .help
        case .details: self = .details
        case .log: self = .log
        case .drift: self = .drift
        case .checklist: self = .checklist
        case .confirm(let c): self = c.typeToConfirm == nil ? .confirmYesNo : .confirmTyped
        case .filter: self = .filter
        case .pickRollback: self = .pickRollback
        case .jump: self = .jump
        case .stats: self = .stats
        }
    }
}
