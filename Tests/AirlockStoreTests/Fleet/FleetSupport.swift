// Fleet roots built in the tests: pipelines in subfolders of one temporary folder.
import AirlockTestSupport
import Foundation

/// airlock.yaml of a small pipeline named `name` with `envs`.
func pipelineYAML(_ name: String, _ envs: [String] = ["qa", "production"]) -> String {
    "pipeline: \(name)\nenvironments:\n" + envs.map { "  - name: \($0)\n" }.joined()
}

/// A fleet root with one pipeline per (folder, name), each with a qa environment reporting 1.0.0.
func fleetRoot(_ pipelines: [(folder: String, name: String)], extra: [String: String] = [:]) -> TempRoot {
    var files: [String: String] = [:]
    for p in pipelines {
        files[p.folder + "/airlock.yaml"] = pipelineYAML(p.name)
        files[p.folder + "/environments/qa.yaml"] = "version: 1.0.0\nupdated_at: \(recent)\nhealth: healthy\n"
    }
    for (k, v) in extra { files[k] = v }
    return TempRoot(files)
}
