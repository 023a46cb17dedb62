// What the wait and status --watch tests share: a pipeline, CD's atomic writes, and a child awaited with a limit.
import AirlockTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A two-environment pipeline: staging runs 2.0.0, production 1.0.0 (both healthy, heartbeat now).
func waitRoot() -> TempRoot {
    let stamp = TimeFormatText.now()
    return TempRoot([
        "airlock.yaml": "pipeline: shop\nenvironments:\n  - name: staging\n  - name: production\n",
        "environments/staging.yaml": "version: 2.0.0\nupdated_at: \(stamp)\nhealth: healthy\n",
        "environments/production.yaml": "version: 1.0.0\nupdated_at: \(stamp)\nhealth: healthy\n",
        "releases/1.0.0.yaml": "version: 1.0.0\n",
        "releases/2.0.0.yaml": "version: 2.0.0\n",
        "releases/2.1.0.yaml": "version: 2.1.0\n",
    ])
}

enum TimeFormatText {
    /// The current time as the files write it.
    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}

/// Writes a file as CI/CD does: a temporary file in the same folder, then a rename over the old one.
func cdWrite(_ root: TempRoot, _ rel: String, _ text: String) {
    let tmp = root.path + "/" + rel + ".tmp.\(getpid())"
    let folder = URL(fileURLWithPath: tmp).deletingLastPathComponent().path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    writeClosingOnExec(Array(text.utf8), to: tmp)
    rename(tmp, root.path + "/" + rel)
}

/// CD reporting an environment: version and health, heartbeat now.
func cdReport(_ root: TempRoot, _ env: String, _ version: String, health: String = "healthy") {
    cdWrite(
        root, "environments/\(env).yaml",
        "version: \(version)\nupdated_at: \(TimeFormatText.now())\nhealth: \(health)\n")
}

/// An operator's request on `env` (what airlock promote writes).
func operatorRequest(
    _ root: TempRoot, _ env: String, _ version: String, by: String = "alice", kind: String = "promotion"
) {
    let from = kind == "promotion" ? "from: staging\n" : ""
    cdWrite(
        root, "promotions/\(env).yaml",
        "version: \(version)\n\(from)kind: \(kind)\nrequested_by: \(by)\nrequested_at: \(TimeFormatText.now())\n")
}

/// Waits (polling its state) until the child has ended; kills it and says false when `seconds` pass first.
func childEnded(_ p: Process, within seconds: TimeInterval) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while p.isRunning && Date() < deadline { usleep(10_000) }
    if p.isRunning {
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        return false
    }
    p.waitUntilExit()
    return true
}

/// Whether a process with this pid still exists (not a zombie of ours).
func processAlive(_ pid: pid_t) -> Bool {
    kill(pid, 0) == 0
}
