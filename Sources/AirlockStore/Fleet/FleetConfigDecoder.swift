// Decoding fleet.yaml into the fleet's settings, with every problem and its line (unknown keys are left alone).
import AirlockCore
import Foundation

/// fleet.yaml as read: the settings, their problems, and the line of every pipeline name it lists (so a name that
/// names no pipeline is reported where it stands).
struct FleetFile: Sendable {
    var config = FleetConfig()
    var problems: [Problem] = []
    /// (name, line) of every entry of `order` and of each group's list.
    var named: [(name: String, line: Int, what: String)] = []

    static let path = "fleet.yaml"
    /// The largest fleet.yaml read (it is a short file of names).
    static let maxSize = 1024 * 1024

    /// Reads `root/fleet.yaml`: absent is no settings and no problem; a FIFO, a folder or a link out of the root
    /// is a problem, never a wait.
    static func read(root: String, realRoot: String) -> FleetFile {
        switch StatusFileReader.inspect(root: root, rel: path, realRoot: realRoot) {
        case .missing: return FleetFile()
        case .problem(let reason, _): return FleetFile(problems: [Problem(path: path, line: nil, message: reason)])
        case .file: break
        }
        switch StatusFileReader.read(root + "/" + path, realRoot: realRoot, limit: maxSize) {
        case .failure(let f): return FleetFile(problems: [Problem(path: path, line: nil, message: f.reason)])
        case .success(let bytes): return decode(bytes)
        }
    }

    static func decode(_ bytes: [UInt8]) -> FleetFile {
        let node: YNode?
        do {
            node = try YAMLReader.parse(bytes)
        } catch {
            return FleetFile(problems: [Problem(path: path, line: error.line, message: error.message)])
        }
        var d = FileDecoder(path: path)
        var file = FleetFile()
        guard let node, !node.isNull else { return file }
        guard d.mapping(node, "fleet.yaml") != nil else {
            file.problems = d.problems
            return file
        }
        file.config.name = d.text(node["name"], "name")
        file.config.sync = d.gitSync(node["sync"])
        file.config.notify = d.notify(node["notify"])
        for (i, item) in (d.sequence(node["order"], "order") ?? []).enumerated() {
            guard let name = d.text(item, "order[\(i)]") else { continue }
            if file.config.order.contains(name) {
                d.problem(item.line, "order: \(name) is listed twice")
                continue
            }
            file.config.order.append(name)
            file.named.append((name, item.line, "order"))
        }
        var grouped: [String: String] = [:]
        for pair in d.mapping(node["groups"], "groups") ?? [] {
            let what = "groups.\(pair.key)"
            if file.config.groups.contains(where: { $0.name == pair.key }) {
                d.problem(pair.keyLine, "\(what): the group is listed twice")
                continue
            }
            var members: [String] = []
            for (i, item) in (d.sequence(pair.value, what) ?? []).enumerated() {
                guard let name = d.text(item, "\(what)[\(i)]") else { continue }
                if let other = grouped[name] {
                    d.problem(item.line, "\(what): \(name) is already in group \(other)")
                    continue
                }
                grouped[name] = pair.key
                members.append(name)
                file.named.append((name, item.line, what))
            }
            file.config.groups.append(FleetGroup(name: pair.key, pipelines: members))
        }
        file.problems = d.problems
        return file
    }

    /// Problems for names in `order` and `groups` that name no pipeline of the fleet.
    func unknownNames(_ pipelines: Set<String>) -> [Problem] {
        named.filter { !pipelines.contains($0.name) }.map {
            Problem(path: Self.path, line: $0.line, message: "\($0.what): \($0.name) names no pipeline of the fleet")
        }
    }
}
