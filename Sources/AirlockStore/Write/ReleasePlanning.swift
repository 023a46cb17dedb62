// Planning `airlock release V`: a release's file created, or its metadata changed in place.
import AirlockCore
import Foundation
import Yams

/// What `airlock release V` is told (raw, as typed; checked when planned).
public struct ReleaseMetaChange: Sendable, Equatable {
    public var version: String
    public var notes: String?
    public var schema: String?
    /// Who cut the release (`created_by`); nil: the actor, when the file is created.
    public var createdBy: String?
    /// RFC 3339; nil: now, when the file is created.
    public var createdAt: String?

    public init(version: String) { self.version = version }

    /// The keys to set, checked: (key, value, text written for it).
    func fields(actor: String, now: Date, creating: Bool) throws(OperationError) -> [(String, String, String)] {
        var out: [(String, String, String)] = []
        if let createdAt {
            guard let d = TimeFormat.parseTimestamp(createdAt) else {
                throw OperationError(
                    .badInput, "--created-at: \"\(Sanitize.value(createdAt))\" is not an RFC 3339 time")
            }
            out.append(("created_at", createdAt, TimeFormat.formatTimestamp(d)))
        } else if creating {
            let at = TimeFormat.formatTimestamp(TimeFormat.wholeSeconds(now))
            out.append(("created_at", at, at))
        }
        if let by = createdBy ?? (creating ? actor : nil) {
            try ReportChange.checkText(by, "--created-by")
            guard !by.isEmpty else { throw OperationError(.badInput, "--created-by: empty") }
            out.append(("created_by", by, YAMLText.flowScalar(by)))
        }
        if let notes {
            // Notes may hold line breaks (LF); every other control character is refused.
            for line in notes.split(separator: "\n", omittingEmptySubsequences: false) {
                try ReportChange.checkText(String(line), "--notes")
            }
            out.append(("notes", notes, YAMLText.flowScalar(notes)))
        }
        if let schema {
            guard let n = Int(schema), n >= 0, !schema.hasPrefix("+") else {
                throw OperationError(.badInput, "--schema: \"\(Sanitize.value(schema))\" is not a whole number >= 0")
            }
            out.append(("schema_version", String(n), String(n)))
        }
        return out
    }
}

extension Planning {
    /// The planner of `airlock release`: creates the file (one `release` audit line) or sets the metadata it is
    /// told in place (no audit line, still one commit); checklist and approvals are never touched.
    static func release(_ change: ReleaseMetaChange, actor: String, root: String, inputs: PlanInputs) -> Planner {
        { (snap: Snapshot, now: Date) throws(OperationError) -> Plan in
            let version = change.version
            let rel = "releases/\(version).yaml"
            let by = change.createdBy ?? actor
            let subject = "airlock: release \(version) by \(by)"
            guard let existing = snap.releases[version] else {
                if let p = snap.problems.first(where: { $0.path == rel }) {
                    throw OperationError(.badInput, "\(Sanitize.line(p.description)); fix it first")
                }
                let fields = try change.fields(actor: actor, now: now, creating: true)
                var pairs: [(Node, Node)] = [(Node("version"), YAMLText.scalar(version))]
                for key in ["created_at", "created_by", "notes", "schema_version"] {
                    guard let (_, value, _) = fields.first(where: { $0.0 == key }) else { continue }
                    let node = key == "schema_version" || key == "created_at" ? Node(value) : YAMLText.scalar(value)
                    pairs.append((Node(key), node))
                }
                let entry = AuditEntry(at: now, actor: by, action: .release, version: version, environment: nil)
                var plan = Plan(
                    result: OperationResult(
                        message: "created \(rel)", changed: true, entry: entry, hook: nil),
                    writes: [(rel, YAMLText.serialize(Node(pairs)), nil)], entry: entry)
                plan.subject = subject
                return plan
            }
            var base = try inputs.releaseBytes(version)
            let original = base
            var release = existing
            var changed: [String] = []
            for (key, value, flow) in try change.fields(actor: actor, now: now, creating: false) {
                guard try current(key, in: base, rel: rel) != value else { continue }
                // The author decides who may approve where duties are separated: it is written once, never changed.
                if key == "created_by", let author = existing.createdBy {
                    throw OperationError(
                        .refused,
                        "\(rel) names its author (created_by: \(Sanitize.value(author))), which airlock does not change"
                    )
                }
                let text = try ReleaseFile.edit(
                    base, version: version, release: release, change: .setMeta(key: key, value: value, flow: flow))
                ReleaseMeta.apply(key, value, to: &release)
                base = Array(text.utf8)
                changed.append(key)
            }
            guard !changed.isEmpty else { return .noChange("\(rel) already says so; nothing changed") }
            var plan = Plan(
                result: OperationResult(
                    message: "updated \(rel): \(changed.joined(separator: ", "))", changed: true, entry: nil,
                    hook: nil),
                writes: [(rel, String(decoding: base, as: UTF8.self), original)], entry: nil)
            plan.subject = subject
            return plan
        }
    }

    /// A top-level scalar's text as the file has it now (nil when absent or not a scalar).
    static func current(_ key: String, in bytes: [UInt8], rel: String) throws(OperationError) -> String? {
        let node: YNode?
        do { node = try YAMLReader.parse(bytes) } catch {
            throw OperationError(.badInput, "\(rel)\(error.line.map { ":\($0)" } ?? ""): \(error.message)")
        }
        guard case .scalar(let s)? = node?[key], !s.isNull else { return nil }
        return s.text
    }
}
