// The merged audit log of a fleet: each pipeline's page of its own log, and their entries merged newest first.

import AirlockCore
import AirlockStore
import Foundation

/// An audit entry and the pipeline whose log holds it.
public struct FleetLogEntry: Equatable, Sendable {
    public var pipeline: String
    public var entry: AuditEntry
}

/// What the fleet's log view has read: a page per pipeline folder, and their entries merged.
public struct FleetLogPage: Equatable, Sendable {
    /// Each pipeline folder's page of its own log.
    public var pages: [String: AuditPage] = [:]
    /// Entries of every pipeline, newest first; only as far back as every log has been read (older entries of a
    /// log not read that far could belong in between).
    public var entries: [FleetLogEntry] = []
    /// Why logs cannot be read, one line each, naming the pipeline.
    public var errors: [String] = []

    public init() {}

    /// True once every pipeline's log has been read to its start.
    public var reachedStart: Bool { pages.values.allSatisfy(\.reachedStart) }

    /// Merges the pages (`names`: pipeline name by folder): newest first, ties by pipeline name, cut where a log
    /// read only part way stops.
    public mutating func merge(names: [String: String]) {
        var all: [(FleetLogEntry, Int)] = []
        var cut: Date?
        errors = []
        for (folder, page) in pages {
            let name = names[folder] ?? folder
            if let e = page.error { errors.append("\(name): \(e)") }
            all += page.entries.enumerated().map { (FleetLogEntry(pipeline: name, entry: $1), $0) }
            if !page.reachedStart, let oldest = page.entries.last?.at { cut = max(cut ?? oldest, oldest) }
        }
        errors.sort()
        // Newest first; a tie keeps each log's own order (its index, newest first) and goes by pipeline name.
        all.sort { a, b in
            if a.0.entry.at != b.0.entry.at { return a.0.entry.at > b.0.entry.at }
            return a.0.pipeline != b.0.pipeline ? a.0.pipeline < b.0.pipeline : a.1 < b.1
        }
        entries = all.map(\.0).filter { cut == nil || $0.entry.at >= (cut ?? .distantPast) }
    }
}
