// Decoding airlock.yaml's governance keys: `separate_duties` (top and per environment) and `windows:`.
import AirlockCore
import Foundation

extension FileDecoder {
    /// The most windows airlock.yaml may list (each is checked on every frame of the dashboard).
    static let maxWindows = 64

    /// Sets `separate_duties` on the pipeline's environments (an environment's own value wins over the top's) and
    /// reads `windows:`, naming every problem with its line.
    mutating func governance(_ root: YNode, into pipeline: inout Pipeline) {
        let everywhere = bool(root["separate_duties"], "separate_duties") ?? false
        let items: [YNode]
        if case .sequence(let list, _)? = root["environments"] { items = list } else { items = [] }
        for i in pipeline.environments.indices {
            let name = pipeline.environments[i].name
            let item = items.first { item in
                if case .scalar(let s)? = item["name"] { return s.text == name }
                return false
            }
            pipeline.environments[i].separateDuties =
                bool(item?["separate_duties"], "\(name).separate_duties") ?? everywhere
        }
        pipeline.windows = windows(root["windows"], environments: Set(pipeline.environments.map(\.name)))
    }

    mutating func windows(_ node: YNode?, environments known: Set<String>) -> [DeployWindow] {
        guard let items = sequence(node, "windows") else { return [] }
        if items.count > Self.maxWindows {
            problem(node?.line, "windows: at most \(Self.maxWindows) windows, found \(items.count)")
            return []
        }
        return items.enumerated().compactMap { i, item in window(item, "windows[\(i)]", known: known) }
    }

    private mutating func window(_ item: YNode, _ what: String, known: Set<String>) -> DeployWindow? {
        guard mapping(item, what) != nil else {
            if item.isNull { problem(item.line, "\(what): expected a mapping") }
            return nil
        }
        var ok = true
        let list = stringList(item["environments"], "\(what).environments")
        let envs = list ?? []
        if item["environments"] == nil || item["environments"]?.isNull == true {
            problem(item.line, "\(what).environments: required key missing")
            ok = false
        } else if list?.isEmpty == true {
            problem(item["environments"]?.line, "\(what).environments: expected 1 to 16 environments, found none")
            ok = false
        } else if envs.count > 16 {
            problem(item["environments"]?.line, "\(what).environments: at most 16 environments, found \(envs.count)")
            ok = false
        }
        for e in envs.prefix(16) where !known.contains(e) {
            problem(
                item["environments"]?.line, "\(what).environments: \(quoted(e)) is not an environment of this pipeline")
            ok = false
        }
        let days = self.days(item["days"], "\(what).days")
        let from = clock(item["from"], "\(what).from", line: item.line, endOfDay: false)
        let until = clock(item["until"], "\(what).until", line: item.line, endOfDay: true)
        if let from, let until, from == until {
            problem(
                item["until"]?.line,
                "\(what).until: equals from (for the whole day write from: \"00:00\", until: \"24:00\")")
            ok = false
        }
        let zone = self.zone(item["zone"], "\(what).zone")
        let name = self.name(item["name"], "\(what).name")
        guard ok, let days, let from, let until, let zone, let name else { return nil }
        return DeployWindow(
            name: name ?? DeployWindow.defaultName(from: from, until: until), environments: envs, days: days,
            from: from, until: until, zone: zone)
    }

    /// `days`: every day when absent; else a list of mon..sun (any case, each once, at least one).
    private mutating func days(_ node: YNode?, _ what: String) -> Set<Weekday>? {
        guard let node, !node.isNull else { return Set(Weekday.allCases) }
        guard let items = sequence(node, what) else { return nil }
        if items.isEmpty {
            problem(node.line, "\(what): expected at least one day (leave days out for every day)")
            return nil
        }
        if items.count > 7 {
            problem(node.line, "\(what): at most 7 days, found \(items.count)")
            return nil
        }
        var out = Set<Weekday>()
        for (i, item) in items.enumerated() {
            guard let text = text(item, "\(what)[\(i)]") else { return nil }
            guard let day = Weekday(name: text) else {
                problem(item.line, "\(what)[\(i)]: \(quoted(text)) is not a day (mon, tue, wed, thu, fri, sat, sun)")
                return nil
            }
            if !out.insert(day).inserted {
                problem(item.line, "\(what)[\(i)]: \(day.name) is listed twice")
                return nil
            }
        }
        return out
    }

    private mutating func clock(_ node: YNode?, _ what: String, line: Int, endOfDay: Bool) -> Int? {
        guard let node, !node.isNull else {
            problem(line, "\(what): required key missing")
            return nil
        }
        guard let text = text(node, what) else { return nil }
        guard let minutes = DeployWindow.parseClock(text, endOfDay: endOfDay) else {
            let range = endOfDay ? "00:00 to 24:00" : "00:00 to 23:59"
            problem(node.line, "\(what): \(quoted(text)) is not a time of day (expected \"HH:MM\", \(range))")
            return nil
        }
        return minutes
    }

    /// `zone`: UTC when absent; else `UTC` or an IANA Area/Location name (`Europe/Berlin`, `Etc/GMT+5`) this machine
    /// knows. Abbreviations and offsets (`PST`, `CEST`, `GMT+5`, `UTC+5`) are refused: they are not IANA names, and
    /// `GMT+5` read as POSIX is ten hours from `Etc/GMT+5`.
    private mutating func zone(_ node: YNode?, _ what: String) -> TimeZone? {
        guard let node, !node.isNull else { return TimeZone(secondsFromGMT: 0) }
        guard let text = text(node, what) else { return nil }
        // Foundation reads odd bytes into odd zones ("Europe/Berlin\0x"): only a plain name is asked about.
        let plain =
            !text.isEmpty && text.utf8.count <= 64 && !text.contains("..")
            && text.utf8.allSatisfy { c in
                (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 47 || c == 95 || c == 43
                    || c == 45
            }
        let named = text == "UTC" || (text.contains("/") && text.first != "/" && text.last != "/")
        guard plain, named, let zone = TimeZone(identifier: text) else {
            problem(node.line, "\(what): \(quoted(text)) is not a time zone (an IANA name like Europe/Berlin, or UTC)")
            return nil
        }
        return zone
    }

    /// `name`: nil (the default name) when absent; else one line of at most 64 characters.
    private mutating func name(_ node: YNode?, _ what: String) -> String?? {
        guard let node, !node.isNull else { return .some(nil) }
        guard let text = text(node, what) else { return nil }
        let bad = text.unicodeScalars.first { u in
            let v = u.value
            return v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
        }
        if let bad {
            problem(
                node.line,
                "\(what): holds the character U+\(String(format: "%04X", bad.value)) (control characters, line "
                    + "breaks and direction overrides are refused)")
            return nil
        }
        if text.isEmpty || text.count > 64 {
            problem(node.line, "\(what): expected 1 to 64 characters")
            return nil
        }
        return .some(text)
    }

    /// A value quoted for a message, cut when long (the console removes control characters).
    private func quoted(_ text: String) -> String {
        "\"" + (text.count > 64 ? String(text.prefix(64)) + "…" : text) + "\""
    }
}
