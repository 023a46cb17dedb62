// What the fleet screen's tests share: a fleet root in a temporary folder read through FleetLoader, at a fixed
// moment, and a grid's text.

import AirlockDemo
import Foundation

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

/// The moment every fleet test is drawn at.
let fleetNow = Date(timeIntervalSince1970: 1_795_302_000)  // 2026-11-21T23:00:00Z

/// A fleet root: `shop` (the demo), `payments` (the demo, production down), `search` (development and production
/// only, a long version), `platform` (seven environments, one never reported), `legacy` (airlock.yaml broken).
/// The caller removes it.
func makeFleetRoot() throws -> String {
    let root = try DemoRoot.create()
    let demo = try FileManager.default.contentsOfDirectory(atPath: root)
    let fleetRoot = root + "/fleet"
    try FileManager.default.createDirectory(atPath: fleetRoot, withIntermediateDirectories: true)
    for (folder, name) in [("shop", "shop"), ("payments", "payments")] {
        try FileManager.default.createDirectory(atPath: fleetRoot + "/" + folder, withIntermediateDirectories: true)
        for item in demo {
            try FileManager.default.copyItem(atPath: root + "/" + item, toPath: fleetRoot + "/\(folder)/\(item)")
        }
        let yaml = fleetRoot + "/\(folder)/airlock.yaml"
        let text = try String(contentsOfFile: yaml, encoding: .utf8).replacingOccurrences(
            of: "pipeline: shop", with: "pipeline: \(name)")
        try Files.atomicWrite(text, to: yaml)
    }
    let prod = fleetRoot + "/payments/environments/production.yaml"
    let down = try "health: down\n" + String(contentsOfFile: prod, encoding: .utf8)
    try Files.atomicWrite(down, to: prod)
    try Files.atomicWrite(
        "pipeline: search\nenvironments:\n  - name: development\n  - name: production\n",
        to: fleetRoot + "/search/airlock.yaml")
    try Files.atomicWrite(
        "version: 10.20.300-rc.13+build.4567\ndeployed_at: 2026-11-21T22:00:00Z\n",
        to: fleetRoot + "/search/environments/development.yaml")
    try Files.atomicWrite(
        "version: 10.19.0\ndeployed_at: 2026-11-01T10:00:00Z\n", to: fleetRoot + "/search/environments/production.yaml")
    try Files.atomicWrite("pipeline: legacy\nenvironments: [oops\n", to: fleetRoot + "/legacy/airlock.yaml")
    let platform = ["development", "qa", "staging", "canary", "production", "production-eu", "dr"]
    try Files.atomicWrite(
        "pipeline: platform\nenvironments:\n" + platform.map { "  - name: \($0)\n" }.joined(),
        to: fleetRoot + "/platform/airlock.yaml")
    for (env, version) in zip(platform.dropLast(), ["3.1.0", "3.0.2", "3.0.2", "3.0.1", "3.0.1", "3.0.0"]) {
        try Files.atomicWrite(
            "version: \(version)\ndeployed_at: 2026-11-20T10:00:00Z\n",
            to: fleetRoot + "/platform/environments/\(env).yaml")
    }
    for item in demo { try FileManager.default.removeItem(atPath: root + "/" + item) }
    return root
}

/// The fleet of `root` (made by makeFleetRoot) read as the dashboard reads it, every environment freshly reported.
func loadFleet(_ root: String) -> Fleet {
    var fleet = FleetLoader(root: root + "/fleet").load()
    for i in fleet.members.indices {
        for name in fleet.members[i].snapshot.environments.keys {
            fleet.members[i].snapshot.environments[name]?.updatedAt = fleetNow.addingTimeInterval(-30)
        }
    }
    return fleet
}

/// The fleet screen over makeFleetRoot's fleet; the caller removes the returned folder.
func fleetState(width: Int = 120, height: Int = 40) throws -> (AppState, String) {
    let root = try makeFleetRoot()
    var s = AppState(fleet: loadFleet(root), now: fleetNow, actor: "alice", width: width, height: height)
    s.lastRead = fleetNow
    return (s, root)
}

func screenText(_ s: AppState) -> String { Views.render(s).lines.joined(separator: "\n") }
