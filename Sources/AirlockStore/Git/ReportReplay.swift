// Git replay of what CI wrote (`airlock report`, `airlock release`): their audit lines do not carry the whole
// change, so catching up re-applies them from the files their local commits wrote.
import AirlockCore
import Foundation

/// A local `report` or `release` commit the remote does not have: the files it wrote, as it wrote them.
struct LocalReport {
    var root: String
    var actor: String
    /// Root-relative path, the text the commit left, the text before it (nil: the commit created the file).
    var files: [(rel: String, text: String, before: String?)]
}

extension GitSync {
    /// Local `airlock: report ...` and `airlock: release ...` commits, oldest first, with the files they wrote
    /// (environment and release files of a pipeline folder of the work tree). An environment file with uncommitted
    /// edits (a heartbeat) counts with its newest text, and is put back to its commit so the catch-up can move on.
    func localReports() throws(Failure) -> [LocalReport] {
        let top = try git(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let log = try git(["log", "--reverse", "--format=%H %s", "\(upstream)..HEAD"])
        var out: [LocalReport] = []
        for line in log.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasPrefix("airlock: report ") || parts[1].hasPrefix("airlock: release ")
            else { continue }
            let hash = parts[0]
            let actor = parts[1].components(separatedBy: " by ").last ?? "airlock"
            let names = try git(["diff-tree", "--no-commit-id", "--name-only", "-r", "-z", "--no-renames", hash])
                .split(separator: "\0").map(String.init)
            for name in names where name.hasSuffix(".yaml") {
                let pieces = name.split(separator: "/").map(String.init)
                guard pieces.count >= 2, ["environments", "releases"].contains(pieces[pieces.count - 2]) else {
                    continue
                }
                let folder = ([top] + pieces.dropLast(2)).joined(separator: "/")
                guard FileManager.default.fileExists(atPath: folder + "/airlock.yaml") else { continue }
                let rel = pieces.suffix(2).joined(separator: "/")
                guard let text = try? git(["show", "\(hash):\(name)"]) else { continue }
                let before = try? git(["show", "\(hash)^:\(name)"])
                if let i = out.firstIndex(where: { $0.root == folder && $0.actor == actor }), out.count - 1 == i {
                    out[i].files.append((rel, text, before))
                } else {
                    out.append(LocalReport(root: folder, actor: actor, files: [(rel, text, before)]))
                }
            }
        }
        // Newest observed text: an uncommitted heartbeat over a reported environment file.
        for i in out.indices {
            for j in out[i].files.indices where out[i].files[j].rel.hasPrefix("environments/") {
                let path = out[i].root + "/" + out[i].files[j].rel
                let sub = GitSync(root: out[i].root, config: config)
                guard (try? sub.dirtyPaths([out[i].files[j].rel]))?.isEmpty == false,
                    let data = FileManager.default.contents(atPath: path)
                else { continue }
                out[i].files[j].text = String(decoding: data, as: UTF8.self)
                _ = try? sub.git(["checkout", "--", out[i].files[j].rel])
            }
        }
        return out
    }
}

extension Planning {
    /// Re-applies a local report's environment file on the remote's state: the newest observation wins (an
    /// environment has one writer, its CD or monitor): kept when the remote's file reports an older or equal
    /// `updated_at`, dropped when it reports a newer one; the audit lines say what changed against the remote.
    static func replayObserved(_ rel: String, text: String, actor: String, root: String) -> Planner {
        { (snap: Snapshot, now: Date) throws(OperationError) -> Plan in
            let env = String(rel.dropFirst("environments/".count).dropLast(".yaml".count))
            let base = try observedBytes(root: root, env: env)
            let after = try validated(text, rel: rel)
            let before =
                base.flatMap { try? YAMLReader.parse($0) }.map { Decoders.environment($0, path: rel, mtime: nil).0 }
                ?? nil
            if let theirs = before?.updatedAt, let ours = after.updatedAt, theirs > ours {
                return .noChange("kept the newer report of \(env) from the remote")
            }
            if let base, String(decoding: base, as: UTF8.self) == text { return .noChange("\(rel) already so") }
            let at = after.updatedAt ?? now
            let entries = auditLines(env: env, before: base == nil ? nil : before, after: after, by: actor, now: at)
            var plan = Plan(
                result: OperationResult(
                    message: "re-applied the report of \(env)", changed: true, entry: nil, hook: nil),
                writes: [(rel, text, base)], entry: entries.first)
            plan.more = Array(entries.dropFirst())
            plan.subject = "airlock: report \(after.version ?? "?") \(env) by \(actor)"
            plan.ownedWhole = [rel]
            return plan
        }
    }

    /// Re-applies a local `release` commit on the remote's state: a release the remote does not have is created as
    /// the commit wrote it; otherwise the metadata keys the commit changed are set in place on the remote's file
    /// (its checklist and approvals, and anything else, stay the remote's).
    static func replayRelease(
        _ rel: String, text: String, before: String?, actor: String, root: String, inputs: PlanInputs
    ) -> Planner {
        let version = String(rel.dropFirst("releases/".count).dropLast(".yaml".count))
        let keys = ["notes", "schema_version", "created_by", "created_at"]
        func value(_ key: String, _ text: String?) -> String? {
            guard let text, let node = try? YAMLReader.parse(Array(text.utf8)), case .scalar(let s)? = node[key],
                !s.isNull
            else { return nil }
            return s.text
        }
        var change = ReleaseMetaChange(version: version)
        for key in keys where value(key, text) != value(key, before) {
            let v = value(key, text)
            switch key {
            case "notes": change.notes = v
            case "schema_version": change.schema = v
            case "created_by": change.createdBy = v
            default: change.createdAt = v
            }
        }
        let edit = release(change, actor: actor, root: root, inputs: inputs)
        return { (snap: Snapshot, now: Date) throws(OperationError) -> Plan in
            guard snap.releases[version] == nil, before == nil else { return try edit(snap, now) }
            let entry = AuditEntry(at: now, actor: actor, action: .release, version: version, environment: nil)
            var plan = Plan(
                result: OperationResult(message: "re-created \(rel)", changed: true, entry: entry, hook: nil),
                writes: [(rel, text, nil)], entry: entry)
            plan.subject = "airlock: release \(version) by \(actor)"
            return plan
        }
    }
}
