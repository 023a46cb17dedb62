// `airlock wait` on a root shared through git: CD reports in one clone and pushes; the wait in another fetches
// every interval and sees it.
import AirlockTestSupport
import Foundation
import Testing

@Suite("airlock wait with sync.git", .timeLimit(.minutes(2)))
struct WaitGitTests {
    @Test func itFetchesEveryIntervalAndSeesAReportPushedElsewhere() throws {
        let w = GitWorld()
        let commit = "git -c user.name=cd -c user.email=cd@example.invalid commit -qam"
        // A one-second interval, pushed from a and pulled into b.
        w.sh(
            "sed -i 's/interval: 30s/interval: 1s/' airlock.yaml && \(commit) fast && git push -q origin main", in: w.a)
        w.sh("git pull -q", in: w.b)
        let (p, _, err) = try launch(["wait", "2.4.1", "--env", "staging", "--timeout", "60s"], root: w.b)
        #expect(err.wait(for: "waiting for", within: 20), "\(err.text)")
        let stamp = TimeFormatText.now()
        w.sh(
            "printf 'version: 2.4.1\\nupdated_at: \(stamp)\\nhealth: healthy\\n' > environments/staging.yaml"
                + " && \(commit) deployed && git push -q origin main", in: w.a)
        #expect(childEnded(p, within: 30))
        #expect(p.terminationStatus == 0, "\(err.text)")
        err.finish(within: 5)
        #expect(err.text.contains("staging: runs 2.4.1 (was 2.4.0)"), "\(err.text)")
    }
}
