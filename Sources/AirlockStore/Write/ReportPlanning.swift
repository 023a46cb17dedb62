// Planning `airlock report ENV`: the environment file's new content and the audit lines its changes make.
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Planning {
    /// The planner of a report by `actor` (`--by` overrides who is recorded).
    static func report(_ change: ReportChange, actor: String, root: String) -> Planner {
        { (snap: Snapshot, now: Date) throws(OperationError) -> Plan in
            let edits = try change.parsed(actor: actor)
            let env = try environment(change.environment, in: snap)
            let rel = "environments/\(env).yaml"
            let base = try observedBytes(root: root, env: env)
            var old: YNode?
            if let base {
                do throws(YAMLReadError) { old = try YAMLReader.parse(base) } catch {
                    // A file that cannot be read is replaced only by a whole object (--json).
                    if edits.json == nil {
                        let at = error.line.map { ":\($0)" } ?? ""
                        throw OperationError(
                            .badInput,
                            "\(rel)\(at): \(Sanitize.value(error.message)); "
                                + "fix it, or report the whole state with --json")
                    }
                }
            }
            if base == nil, edits.version == nil, edits.json?["version"] == nil {
                throw OperationError(
                    .badInput, "\(rel) does not exist: the first report of an environment needs --version")
            }
            if let old, case .mapping = old {
            } else if old != nil, edits.json == nil {
                throw OperationError(.badInput, "\(rel): not a mapping; fix it, or report the whole state with --json")
            }
            let before = base == nil ? nil : Decoders.environment(old, path: rel, mtime: nil).0
            var doc = ReportDocument(old)
            if let json = edits.json { doc.merge(json) }
            try apply(edits, to: &doc, before: before, now: now)
            let text = doc.render()
            let after = try validated(text, rel: rel)
            let entries = auditLines(env: env, before: base == nil ? nil : before, after: after, by: edits.by, now: now)
            var unchanged = doc
            unchanged.remove("updated_at")
            var was = ReportDocument(old)
            was.remove("updated_at")
            let heartbeat = base != nil && unchanged.render() == was.render()
            let version = after.version ?? "?"
            var plan = Plan(
                result: OperationResult(
                    message: message(env, before: before, after: after, heartbeat: heartbeat), changed: true,
                    entry: entries.first, hook: nil),
                writes: [(rel, text, base)], entry: entries.first)
            plan.more = Array(entries.dropFirst())
            plan.subject = "airlock: report \(version) \(env) by \(edits.by)"
            plan.localOnly = heartbeat
            plan.ownedWhole = [rel]
            return plan
        }
    }

    /// The environment a report names: one of the pipeline's (else bad input, naming them).
    static func environment(_ name: String, in snap: Snapshot) throws(OperationError) -> String {
        guard let pipeline = snap.pipeline else {
            throw OperationError(.badInput, "airlock.yaml: cannot be read (run airlock check)")
        }
        guard pipeline.environments.contains(where: { $0.name == name }) else {
            let names = pipeline.environments.map(\.name).joined(separator: ", ")
            throw OperationError(
                .badInput,
                "no environment \"\(Sanitize.value(name))\" in pipeline \(Sanitize.value(pipeline.name)) "
                    + "(environments: \(names))")
        }
        return name
    }

    static func apply(_ e: ReportEdits, to doc: inout ReportDocument, before: EnvironmentStatus?, now: Date)
        throws(OperationError)
    {
        let at = TimeFormat.wholeSeconds(now)
        if let v = e.version { doc.set("version", YAMLText.scalar(v)) }
        let newVersion = doc["version"]?.string
        let moved = newVersion != nil && newVersion != before?.version
        if let d = e.deployedAt {
            doc.set("deployed_at", .init(TimeFormat.formatTimestamp(d)))
        } else if moved, e.json?["deployed_at"] == nil {
            doc.set("deployed_at", .init(TimeFormat.formatTimestamp(at)))
        }
        if moved, e.json?["deployed_by"] == nil { doc.set("deployed_by", YAMLText.scalar(e.by)) }
        doc.set("updated_at", .init(TimeFormat.formatTimestamp(at)))
        if let h = e.health { doc.set("health", .init(h.rawValue)) }
        doc.mergeNamed(
            "checks", clear: e.clearChecks,
            e.checks.map { c in
                (c.name, [("status", .init(c.status.rawValue)), ("detail", c.detail.map(YAMLText.scalar))])
            })
        doc.mergeNamed(
            "services", clear: false,
            e.services.map { s in
                (
                    s.name,
                    [("version", s.version.map(YAMLText.scalar)), ("health", s.health.map { .init($0.rawValue) })]
                )
            })
        doc.mergeMap("flags", e.flags)
        doc.mergeMap("config", e.config)
        if let s = e.schema { doc.set("schema_version", .init(String(s))) }
    }

    /// The new text read back as an environment: it must hold no problem.
    static func validated(_ text: String, rel: String) throws(OperationError) -> EnvironmentStatus {
        let node: YNode?
        do { node = try YAMLReader.parse(Array(text.utf8)) } catch {
            throw OperationError(
                .failed, "\(rel): the report would not read back (\(error.message)); nothing was changed")
        }
        let (status, problems) = Decoders.environment(node, path: rel, mtime: nil)
        if let p = problems.first {
            throw OperationError(
                .badInput, "\(rel): the report would leave it invalid: \(Sanitize.value(p.message, limit: 300))")
        }
        guard let status else { throw OperationError(.badInput, "\(rel): the report would leave it invalid") }
        return status
    }

    /// `deployed` when the version changes, `health` when the health does; nothing for a heartbeat.
    static func auditLines(env: String, before: EnvironmentStatus?, after: EnvironmentStatus, by: String, now: Date)
        -> [AuditEntry]
    {
        var out: [AuditEntry] = []
        let version = after.version ?? "?"
        if after.version != before?.version {
            out.append(
                AuditEntry(
                    at: now, actor: by, action: .deployed, version: version, environment: env, previous: before?.version
                ))
        }
        let health = Rules.health(of: after)
        let was = before.map { Rules.health(of: $0) }
        if health != was && !(was == nil && health == .unknown) {
            out.append(
                AuditEntry(
                    at: now, actor: by, action: .health, version: version, environment: env,
                    health: health.rawValue, previousHealth: was?.rawValue))
        }
        return out
    }

    static func message(_ env: String, before: EnvironmentStatus?, after: EnvironmentStatus, heartbeat: Bool)
        -> String
    {
        let version = after.version ?? "?"
        let health = Rules.health(of: after).rawValue
        if heartbeat { return "heartbeat: \(env) runs \(version), \(health)" }
        var s = "reported \(env): runs \(version)"
        if let was = before?.version, was != version { s += " (was \(was))" }
        s += ", \(health)"
        if let b = before, Rules.health(of: b) != Rules.health(of: after) {
            s += " (was \(Rules.health(of: b).rawValue))"
        }
        return s
    }

    /// The environment file's bytes, or nil when there is none. Anything but a regular file of sane size there
    /// (a link, a FIFO, a folder, a huge file) is bad input: nothing is read from it or written through it.
    static func observedBytes(root: String, env: String) throws(OperationError) -> [UInt8]? {
        let rel = "environments/\(env).yaml"
        do throws(StoreIOError) {
            let (top, real) = try SafeOpen.root(root)
            guard try SafeOpen.lstat("environments", in: top) != nil else { return nil }
            let (folder, _) = try SafeOpen.folder("environments", in: top, rootReal: real, create: false)
            guard let file = try SafeOpen.lstat("\(env).yaml", in: folder) else { return nil }
            if SafeOpen.isLink(file) {
                throw StoreIOError("\(rel): is a symbolic link; airlock does not write through links")
            }
            guard SafeOpen.isRegular(file) else {
                throw StoreIOError("\(rel): not a regular file (\(StatusFileReader.kindName(file.st_mode)))")
            }
            guard Int(file.st_size) <= YAMLReader.maxFileSize else {
                throw StoreIOError(
                    "\(rel): file is \(file.st_size) bytes, larger than the "
                        + "\(YAMLReader.maxFileSize / 1024 / 1024) MiB limit")
            }
            return try SafeOpen.read("\(env).yaml", in: folder)
        } catch {
            throw OperationError(.badInput, error.description)
        }
    }
}
