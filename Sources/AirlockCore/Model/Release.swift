// One release and what was recorded about it: checklist entries and approvals.
import Foundation

public struct ChecklistEntry: Sendable, Equatable {
    public var done: Bool
    public var by: String?
    public var at: Date?
    public var note: String?
    public init(done: Bool, by: String? = nil, at: Date? = nil, note: String? = nil) {
        self.done = done
        self.by = by
        self.at = at
        self.note = note
    }
}

public struct Approval: Sendable, Equatable {
    public var by: String
    public var environment: String
    public var at: Date?
    public init(by: String, environment: String, at: Date? = nil) {
        self.by = by
        self.environment = environment
        self.at = at
    }
}

/// One release: `releases/VERSION.yaml`.
public struct Release: Sendable, Equatable {
    public var version: String
    public var createdAt: Date?
    /// Who cut the release (`created_by`): its author, who may not approve it where duties are separated.
    public var createdBy: String?
    public var notes: String?
    public var schemaVersion: Int?
    public var checklist: [String: ChecklistEntry]
    public var approvals: [Approval]

    public init(
        version: String, createdAt: Date? = nil, notes: String? = nil, schemaVersion: Int? = nil,
        checklist: [String: ChecklistEntry] = [:], approvals: [Approval] = []
    ) {
        self.version = version
        self.createdAt = createdAt
        self.notes = notes
        self.schemaVersion = schemaVersion
        self.checklist = checklist
        self.approvals = approvals
    }

    public func isDone(_ item: String) -> Bool { checklist[item]?.done == true }
}
