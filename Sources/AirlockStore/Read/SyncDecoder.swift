// Decoding a `sync:` mapping (airlock.yaml's and fleet.yaml's alike) into the git sync settings.
import AirlockCore

extension FileDecoder {
    /// `sync.git` as settings (its defaults for what is not given), nil when `sync` or `sync.git` is absent.
    mutating func gitSync(_ node: YNode?) -> GitSyncConfig? {
        guard let syncPairs = mapping(node, "sync"), !syncPairs.isEmpty, let git = node?["git"] else { return nil }
        var cfg = GitSyncConfig()
        guard !git.isNull, mapping(git, "sync.git") != nil else { return cfg }
        // Both reach git's command line: a value git would read as an option (`--upload-pack=...`
        // runs a program) or that is not a plain name is refused.
        if let r = text(git["remote"], "sync.git.remote") {
            if GitNames.isSafeRemote(r) {
                cfg.remote = r
            } else {
                problem(git["remote"]?.line, "sync.git.remote: expected a remote name or URL, not starting with '-'")
            }
        }
        if let b = text(git["branch"], "sync.git.branch") {
            if GitNames.isSafeBranch(b) {
                cfg.branch = b
            } else {
                problem(git["branch"]?.line, "sync.git.branch: expected a branch name (no leading '-', spaces or ..)")
            }
        }
        if let iv = duration(git["interval"], "sync.git.interval") {
            if iv < 1 {
                problem(git["interval"]?.line, "sync.git.interval: must be at least 1s")
            } else {
                cfg.interval = iv
            }
        }
        return cfg
    }
}
