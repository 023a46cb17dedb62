// Decoding airlock.yaml into a Pipeline, with every problem and its line.
import AirlockCore
import Foundation

extension Decoders {
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
                        "\(envName).required_approvals: needs \(required) but only "
                            + "\(Set(approvers).count) approver(s) are listed"
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
                envs[envs.count - 1].facts = d.facts(item["facts"], environment: envName)
                envs[envs.count - 1].autoPromote = d.autoPromote(item, environment: envName, protected: isProtected)
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

        let sync = d.gitSync(root["sync"])

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
        var pipeline = Pipeline(
            name: name, environments: envs, checklist: checklist, freezes: freezes, sync: sync,
            hooks: hooks, hookTimeout: hookTimeout)
        d.governance(root, into: &pipeline)
        pipeline.notify = d.notify(root["notify"])
        return (pipeline, d.problems)
    }

}
