// Fleet roots for the binary's tests: copies of the small shop pipeline under other names, in subfolders.
import AirlockTestSupport
import Foundation

/// A fleet root holding `names`, each a copy of the shop pipeline named so (folder = name), plus `extra` files.
func shopFleet(_ names: [String] = ["checkout", "search", "billing"], extra: [String: String] = [:]) -> TempRoot {
    let shop = shopRoot()
    let fleet = TempRoot()
    for name in names {
        for (rel, data) in shop.fingerprint() {
            var text = String(decoding: data, as: UTF8.self)
            if rel == "airlock.yaml" {
                text = text.replacingOccurrences(of: "pipeline: shop", with: "pipeline: \(name)")
            }
            fleet.write(name + "/" + rel, text)
        }
    }
    for (rel, text) in extra { fleet.write(rel, text) }
    return fleet
}

/// One audit line at `at`.
func auditLine(_ at: String, actor: String, version: String, env: String) -> String {
    #"{"at":"\#(at)","actor":"\#(actor)","action":"approve","version":"\#(version)","environment":"\#(env)"}"#
}
