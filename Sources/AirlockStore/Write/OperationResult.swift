// What a command reports: why it was not carried out, or what it did.
import AirlockCore
import Foundation

/// Why a command was not carried out. Nothing was written.
public struct OperationError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case refused, badInput, failed }
    public var kind: Kind
    public var message: String
    /// Blocker codes when the rules refused a promotion.
    public var blockers: [String]

    public init(_ kind: Kind, _ message: String, blockers: [String] = []) {
        self.kind = kind
        self.message = message
        self.blockers = blockers
    }
    public var description: String { message }

    /// The SPEC's exit code: 1 refused by the rules, 2 bad input.
    public var exitCode: Int32 {
        switch kind {
        case .refused: return 1
        case .badInput: return 2
        case .failed: return 1
        }
    }
}

/// What a carried-out command did.
public struct OperationResult: Sendable {
    public var message: String
    /// False for a no-op (approving twice, ticking a ticked item).
    public var changed: Bool
    public var entry: AuditEntry?
    /// The hook to run now that the change is recorded, if the pipeline has one.
    public var hook: [String]?
    /// Something the operator should know although the change is recorded (for example: not pushed yet).
    public var warning: String?
}

extension OperationError {
    /// A refusal of the rules, as the command line and the dashboard report it (its message made one safe line).
    public init(_ refusal: Refusal) {
        let kind: Kind = refusal.kind == .badInput ? .badInput : .refused
        self.init(kind, Sanitize.line(refusal.message), blockers: refusal.blockers)
    }
}
