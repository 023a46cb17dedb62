// Decoding environment, release and promotion files into values, with every problem and its line.
import AirlockCore
import Foundation

/// Decoders for each kind of status file. Each returns its value (best effort) and its problems.
enum Decoders {
    static let knownHookEvents: Set<String> = ["promote", "rollback"]

    static func environment(_ root: YNode?, path: String, mtime: Date?) -> (EnvironmentStatus?, [Problem]) {
        var d = FileDecoder(path: path)
        guard let root, !root.isNull else {
            d.problem(nil, "empty file: expected at least version")
            return (nil, d.problems)
        }
        guard d.mapping(root, "environment") != nil else { return (nil, d.problems) }
        var s = EnvironmentStatus()
        s.version = d.required(root["version"], "version", line: root.line)
        if let v = s.version, !Names.isValidVersion(v) {
            d.problem(
                root["version"]?.line, "version: \"\(v)\" is not a valid version (^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$)")
        }
        s.deployedAt = d.timestamp(root["deployed_at"], "deployed_at")
        s.deployedBy = d.text(root["deployed_by"], "deployed_by")
        s.updatedAt = d.timestamp(root["updated_at"], "updated_at") ?? mtime
        s.health = d.oneOf(root["health"], "health", Health.self)
        if let items = d.sequence(root["checks"], "checks") {
            s.checks.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                func what() -> String { "checks[\(i)]" }
                guard d.mapping(item, what()) != nil else { continue }
                let name = d.required(item["name"], "\(what()).name", line: item.line)
                let status: CheckStatus?
                if item["status"] == nil || item["status"]?.isNull == true {
                    d.problem(item.line, "\(what()).status: required key missing")
                    status = nil
                } else {
                    status = d.oneOf(item["status"], "\(what()).status", CheckStatus.self)
                }
                let detail = d.text(item["detail"], "\(what()).detail")
                if let name, let status { s.checks.append(Check(name: name, status: status, detail: detail)) }
            }
        }
        if let items = d.sequence(root["services"], "services") {
            s.services.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                func what() -> String { "services[\(i)]" }
                guard d.mapping(item, what()) != nil else { continue }
                guard let name = d.required(item["name"], "\(what()).name", line: item.line) else { continue }
                s.services.append(
                    Service(
                        name: name, version: d.text(item["version"], "\(what()).version"),
                        health: d.oneOf(item["health"], "\(what()).health", Health.self)))
            }
        }
        s.flags = d.scalarMap(root["flags"], "flags")
        s.schemaVersion = d.int(root["schema_version"], "schema_version")
        s.config = d.scalarMap(root["config"], "config")
        return (s, d.problems)
    }

    static func release(_ root: YNode?, path: String, stem: String) -> (Release?, [Problem]) {
        var d = FileDecoder(path: path)
        guard let root, !root.isNull else {
            d.problem(nil, "empty file: expected at least version")
            return (nil, d.problems)
        }
        guard d.mapping(root, "release") != nil else { return (nil, d.problems) }
        guard let version = d.required(root["version"], "version", line: root.line) else { return (nil, d.problems) }
        if version != stem {
            d.problem(root["version"]?.line, "version: \(version) differs from the file name (\(stem).yaml)")
        }
        if !Names.isValidVersion(version) {
            d.problem(
                root["version"]?.line,
                "version: \"\(version)\" is not a valid version (^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$)")
        }
        var r = Release(version: version)
        r.createdAt = d.timestamp(root["created_at"], "created_at")
        r.createdBy = d.text(root["created_by"], "created_by")
        r.notes = d.text(root["notes"], "notes")
        r.schemaVersion = d.int(root["schema_version"], "schema_version")
        if let pairs = d.mapping(root["checklist"], "checklist") {
            for p in pairs {
                func what() -> String { "checklist.\(p.key)" }
                if case .mapping = p.value {
                    let done: Bool
                    if p.value["done"] == nil {
                        d.problem(p.value.line, "\(what()).done: required key missing")
                        continue
                    }
                    guard let dv = d.bool(p.value["done"], "\(what()).done") else { continue }
                    done = dv
                    r.checklist[p.key] = ChecklistEntry(
                        done: done, by: d.text(p.value["by"], "\(what()).by"),
                        at: d.timestamp(p.value["at"], "\(what()).at"),
                        note: d.text(p.value["note"], "\(what()).note"))
                } else if let b = d.bool(p.value, what()) {
                    r.checklist[p.key] = ChecklistEntry(done: b)
                }
            }
        }
        if let items = d.sequence(root["approvals"], "approvals") {
            for (i, item) in items.enumerated() {
                func what() -> String { "approvals[\(i)]" }
                guard d.mapping(item, what()) != nil else { continue }
                let by = d.required(item["by"], "\(what()).by", line: item.line)
                let env = d.required(item["environment"], "\(what()).environment", line: item.line)
                let at = d.timestamp(item["at"], "\(what()).at")
                if let by, let env { r.approvals.append(Approval(by: by, environment: env, at: at)) }
            }
        }
        return (r, d.problems)
    }

    static func promotion(_ root: YNode?, path: String) -> (PromotionRequest?, [Problem]) {
        var d = FileDecoder(path: path)
        guard let root, !root.isNull else {
            d.problem(nil, "empty file: expected a promotion request")
            return (nil, d.problems)
        }
        guard d.mapping(root, "promotion") != nil else { return (nil, d.problems) }
        let version = d.required(root["version"], "version", line: root.line)
        let from = d.text(root["from"], "from")
        let kind = d.oneOf(root["kind"], "kind", RequestKind.self) ?? .promotion
        let by = d.text(root["requested_by"], "requested_by") ?? "unknown"
        let at = d.timestamp(root["requested_at"], "requested_at") ?? Date(timeIntervalSince1970: 0)
        let reason = d.text(root["reason"], "reason")
        guard let version else { return (nil, d.problems) }
        return (
            PromotionRequest(
                version: version, from: from, kind: kind, requestedBy: by, requestedAt: at, reason: reason), d.problems
        )
    }
}
