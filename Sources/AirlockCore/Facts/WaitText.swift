// The words of `airlock wait`: one line per change it sees and one for how it ends (the caller sanitizes them).
import Foundation

/// Lines for stderr, without the `airlock: ` prefix; values are as the files hold them (the caller sanitizes).
public enum WaitText {
    /// `12:01:02 production: runs 2.4.1 (was 2.4.0)`: a change, with the time (UTC) it was seen.
    public static func line(_ event: WaitEvent, judge: WaitJudge, now: Date) -> String {
        let env = judge.environment
        let text: String
        switch event {
        case .started(let obs, let stale):
            var want = "to run \(judge.version)"
            if judge.healthy { want += ", healthy and not stale" }
            var limits = judge.timeout.map { "timeout \(duration($0))" } ?? "no timeout"
            if judge.healthy { limits += ", fail after \(duration(judge.failAfter)) down" }
            text = "waiting for \(env) \(want) (\(limits)): \(state(obs, stale: stale)); \(request(obs))"
        case .requested(let r):
            text = "\(env): requested \(r.version) (\(describe(r)))"
        case .requestWithdrawn(let r):
            text = "\(env): the request for \(r.version) was withdrawn (promotions/\(env).yaml is gone)"
        case .version(let from, let to):
            text = "\(env): runs \(to) (was \(from ?? "none"))"
        case .health(let from, let to, let note):
            text = "\(env): \(to.rawValue) (was \(from.rawValue))" + (note.map { ": \($0)" } ?? "")
        case .stale(let since):
            text =
                "\(env): stale (" + (since.map { "last heartbeat \(TimeFormat.formatTimestamp($0))" } ?? "no heartbeat")
                + ")"
        case .fresh:
            text = "\(env): heartbeat fresh again"
        case .fileProblem(let file):
            text = "\(env): \(fileText(file, env: env)) (still waiting)"
        case .fileBack:
            text = "\(env): environments/\(env).yaml is readable again"
        case .fileReturned(let version):
            text =
                "\(env): environments/\(env).yaml is back: " + (version.map { "runs \($0)" } ?? "it reports no version")
        case .requestProblem(let problem):
            text = "\(env): \(problem) (still waiting)"
        }
        return clock(now) + " " + text
    }

    /// Why the wait ended, one line.
    public static func verdict(_ verdict: WaitVerdict, judge: WaitJudge, now: Date) -> String {
        let env = judge.environment
        let v = judge.version
        switch verdict {
        case .arrived(let healthy):
            return "\(env) runs \(v)" + (healthy ? ", healthy" : "")
        case .replaced(let r):
            return "\(env)'s request was replaced by a \(describe(r, naming: true)): \(v) will not arrive"
        case .otherRequest(let r):
            return "\(env) is already requested to run \(r.version) (\(describe(r)), in progress): \(v) will not arrive"
        case .movedAway(let other):
            return "\(env) ran \(v), then moved to \(other)"
        case .down(let since, let failAfter):
            let note = judge.last?.note.map { ": \($0)" } ?? ""
            return "\(env) runs \(v) but has been down for \(duration(now.timeIntervalSince(since))) "
                + "(since \(TimeFormat.formatTimestamp(since)), --fail-after \(duration(failAfter)))\(note)"
        case .timedOut(let after):
            return "timed out after \(duration(after)) waiting for \(waitingFor(judge, now: now))"
        }
    }

    /// What the wait still waits for, from its last look.
    public static func waitingFor(_ judge: WaitJudge, now: Date) -> String {
        let env = judge.environment
        guard let obs = judge.last else { return "\(env) to run \(judge.version)" }
        if obs.version != judge.version {
            let runs = obs.version.map { "it runs \($0)" } ?? "it reports no version"
            return "\(env) to run \(judge.version) (\(runs); \(request(obs)))"
        }
        if case .broken = obs.file {
            return "\(env)'s file to be readable again (\(fileText(obs.file, env: env)))"
        }
        if obs.health != .healthy {
            let note = obs.note.map { ": \($0)" } ?? ""
            return "\(env)'s \(judge.version) to be healthy (it is \(obs.health.rawValue)\(note))"
        }
        let last = obs.updatedAt.map { "last \(TimeFormat.formatTimestamp($0))" } ?? "none"
        return "a fresh heartbeat from \(env) (\(last), stale after \(duration(obs.staleAfter)))"
    }

    static func state(_ obs: WaitObservation, stale: Bool) -> String {
        switch obs.file {
        case .missing: return "it has no environment file yet"
        case .broken: return "it runs \(obs.version ?? "no version") (its file is broken), \(obs.health.rawValue)"
        case .present:
            return "it runs \(obs.version ?? "no version"), \(obs.health.rawValue)" + (stale ? ", stale" : "")
        }
    }

    static func request(_ obs: WaitObservation) -> String {
        guard let r = obs.request else { return "no request" }
        let progress = obs.version == r.version ? "done" : "in progress"
        return "request: \(r.version) (\(describe(r))), \(progress)"
    }

    static func fileText(_ file: WaitObservation.File, env: String) -> String {
        switch file {
        case .present: return "environments/\(env).yaml"
        case .missing: return "environments/\(env).yaml is missing"
        case .broken(let problem): return problem
        }
    }

    /// `promotion from staging by alice`, or with `naming` `promotion of 2.4.2 from staging by alice`.
    static func describe(_ r: WaitRequest, naming: Bool = false) -> String {
        var s = r.kind.rawValue + (naming ? " of \(r.version)" : "")
        if let from = r.from, r.kind == .promotion { s += " from \(from)" }
        return s + " by \(r.by)"
    }

    /// `30s`, `2m`, `1h30m`: whole units, as --timeout takes them.
    public static func duration(_ seconds: TimeInterval) -> String {
        let s = seconds.isFinite ? Int(min(max(seconds, 0), TimeFormat.maxDuration).rounded()) : 0
        if s == 0 { return "0s" }
        var parts: [String] = []
        var rest = s
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return parts.joined()
    }

    /// `12:01:02`, UTC.
    static func clock(_ date: Date) -> String {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        let s = ((t % 86400) + 86400) % 86400
        return String(format: "%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)
    }
}
