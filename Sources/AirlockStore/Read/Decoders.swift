import AirlockCore
import Foundation

/// Decoders for each kind of status file. Each returns its value (best effort) and its problems.
enum Decoders {
    static let knownHookEvents: Set<String> = ["promote", "rollback"]

    static func pipeline(_ root: YNode?, path: String) -> (Pipeline?, [Problem]) {
        var d = FileDecoder(path: path)
        guard let root else {
            d.problem(nil, "empty file: expected the pipeline")
            return (nil, d.problems)
        }
        guard d.mapping(root, "airlock.yaml") != nil else {
            if root.isNull { d.problem(root.line, "expected a mapping") }
            return (nil, d.problems)
        }
        let name = d.required(root["pipeline"], "pipeline", line: root.line) ?? ""
        var checklist: [(id: String, title: String)] = []
        if let pairs = d.mapping(root["checklist"], "checklist") {
            for p in pairs {
                guard Names.isValidItem(p.key) else {
                    d.problem(p.keyLine, "checklist.\(p.key): an item id is letters, digits, '-', '_' or '.'")
                    continue
                }
                if p.key == ChecklistItem.approvalID {
                    d.problem(p.keyLine, "checklist.approval: the approval item is computed and cannot be redefined")
                    continue
                }
                if let title = d.text(p.value, "checklist.\(p.key)") { checklist.append((p.key, title)) }
            }
        }
        // Gates may name built-in items and the pipeline's own.
        let known = Set(ChecklistItem.builtIn.map(\.id)).union(checklist.map(\.id))
        var envs: [EnvironmentConfig] = []
        var seen = Set<String>()
        if let items = d.sequence(root["environments"], "environments") {
            if items.isEmpty || items.count > 16 {
                d.problem(
                    root["environments"]?.line, "environments: expected 1 to 16 environments, found \(items.count)")
            }
            for (i, item) in items.enumerated() {
                func what() -> String { "environments[\(i)]" }
                guard d.mapping(item, what()) != nil else {
                    if item.isNull { d.problem(item.line, "\(what()): expected a mapping") }
                    continue
                }
                guard let envName = d.required(item["name"], "\(what()).name", line: item.line) else { continue }
                if !Names.isValidEnvironment(envName) {
                    d.problem(item["name"]?.line, "\(what()).name: \"\(envName)\" must match ^[a-z0-9][a-z0-9-]{0,31}$")
                    continue
                }
                if !seen.insert(envName).inserted {
                    d.problem(item["name"]?.line, "\(what()).name: \(envName) is listed twice")
                    continue
                }
                let isProtected = d.bool(item["protected"], "\(envName).protected") ?? false
                let approvers = d.stringList(item["approvers"], "\(envName).approvers") ?? []
                let required = d.int(item["required_approvals"], "\(envName).required_approvals")
                if isProtected && approvers.isEmpty {
                    d.problem(
                        item["protected"]?.line ?? item.line,
                        "\(envName).protected: a protected environment needs approvers (nobody could promote into it)")
                } else if let required, required > Set(approvers).count {
                    d.problem(
                        item["required_approvals"]?.line,
                        "\(envName).required_approvals: needs \(required) but only \(Set(approvers).count) approver(s) are listed"
                    )
                }
                if case .sequence(let list, _)? = item["gates"] {
                    for g in list {
                        if case .scalar(let sc) = g, !known.contains(sc.text) {
                            d.problem(
                                g.line,
                                "gates: unknown checklist item \(sc.text) (neither built in nor under checklist)")
                        }
                    }
                }
                envs.append(
                    EnvironmentConfig(
                        name: envName,
                        staleAfter: d.duration(item["stale_after"], "\(envName).stale_after") ?? 300,
                        soak: d.duration(item["soak"], "\(envName).soak"),
                        gates: d.stringList(item["gates"], "\(envName).gates") ?? [],
                        protected: isProtected,
                        approvers: approvers,
                        requiredApprovals: required))
            }
        } else if root["environments"] == nil || root["environments"]?.isNull == true {
            d.problem(root.line, "environments: required key missing")
        }

        var freezes: [Freeze] = []
        if let items = d.sequence(root["freezes"], "freezes") {
            for (i, item) in items.enumerated() {
                func what() -> String { "freezes[\(i)]" }
                guard d.mapping(item, what()) != nil else { continue }
                let envList = d.stringList(item["environments"], "\(what()).environments") ?? []
                if item["environments"] == nil { d.problem(item.line, "\(what()).environments: required key missing") }
                for e in envList where !seen.contains(e) {
                    d.problem(
                        item["environments"]?.line,
                        "\(what()).environments: \(e) is not an environment of this pipeline")
                }
                let from = d.timestamp(item["from"], "\(what()).from")
                let until = d.timestamp(item["until"], "\(what()).until")
                if item["from"] == nil { d.problem(item.line, "\(what()).from: required key missing") }
                if item["until"] == nil { d.problem(item.line, "\(what()).until: required key missing") }
                let reason = d.text(item["reason"], "\(what()).reason") ?? "freeze"
                if let from, let until {
                    if until <= from { d.problem(item["until"]?.line, "\(what()).until: must be after from") }
                    freezes.append(Freeze(environments: envList, from: from, until: until, reason: reason))
                }
            }
        }

        var sync: GitSyncConfig?
        if let syncPairs = d.mapping(root["sync"], "sync"), !syncPairs.isEmpty {
            if let git = root["sync"]?["git"] {
                var cfg = GitSyncConfig()
                if !git.isNull, d.mapping(git, "sync.git") != nil {
                    // Both reach git's command line: a value git would read as an option (`--upload-pack=...`
                    // runs a program) or that is not a plain name is refused.
                    if let r = d.text(git["remote"], "sync.git.remote") {
                        if GitNames.isSafeRemote(r) {
                            cfg.remote = r
                        } else {
                            d.problem(
                                git["remote"]?.line,
                                "sync.git.remote: expected a remote name or URL, not starting with '-'")
                        }
                    }
                    if let b = d.text(git["branch"], "sync.git.branch") {
                        if GitNames.isSafeBranch(b) {
                            cfg.branch = b
                        } else {
                            d.problem(
                                git["branch"]?.line,
                                "sync.git.branch: expected a branch name (no leading '-', spaces or ..)")
                        }
                    }
                    if let iv = d.duration(git["interval"], "sync.git.interval") {
                        if iv < 1 {
                            d.problem(git["interval"]?.line, "sync.git.interval: must be at least 1s")
                        } else {
                            cfg.interval = iv
                        }
                    }
                }
                sync = cfg
            }
        }

        var hooks: [String: [String]] = [:]
        var hookTimeout = Pipeline.defaultHookTimeout
        if let pairs = d.mapping(root["hooks"], "hooks") {
            for p in pairs {
                if p.key == "timeout" {
                    if let t = d.duration(p.value, "hooks.timeout") {
                        if t < 1 {
                            d.problem(p.value.line, "hooks.timeout: must be at least 1s")
                        } else {
                            hookTimeout = t
                        }
                    }
                    continue
                }
                if !knownHookEvents.contains(p.key) {
                    d.problem(p.keyLine, "hooks.\(p.key): unknown hook (expected promote, rollback or timeout)")
                    continue
                }
                if let argv = d.stringList(p.value, "hooks.\(p.key)") {
                    if argv.isEmpty {
                        d.problem(p.value.line, "hooks.\(p.key): expected a non-empty argv list")
                    } else {
                        hooks[p.key] = argv
                    }
                }
            }
        }
        if envs.isEmpty && d.problems.isEmpty { d.problem(root.line, "environments: expected 1 to 16 environments") }
        let pipeline = Pipeline(
            name: name, environments: envs, checklist: checklist, freezes: freezes, sync: sync,
            hooks: hooks, hookTimeout: hookTimeout)
        return (pipeline, d.problems)
    }

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
