// Hostile four eyes and windows through the binary: escape sequences in authors, actors and window values, huge lists.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

@Suite("Hostile input: four eyes and deploy windows") struct HostileGovernanceTests {
    private func root(approvers: String, windows: String = "", author: String) -> TempRoot {
        TempRoot([
            "airlock.yaml": """
            pipeline: shop
            separate_duties: true
            environments:
              - name: staging
              - name: production
                protected: true
                approvers: \(approvers)
                required_approvals: 1
            \(windows)
            """,
            "environments/staging.yaml": "version: 2.4.0\nupdated_at: \(recent)\nhealth: healthy\n",
            "environments/production.yaml": "version: 2.3.0\nupdated_at: \(recent)\nhealth: healthy\n",
            "releases/2.3.0.yaml": "version: 2.3.0\n",
            "releases/2.4.0.yaml": "version: 2.4.0\ncreated_by: \(author)\n",
        ])
    }

    @Test func anAuthorWithEscapeSequencesIsRefusedOnOneCleanLine() {
        let root = root(approvers: #"["al\e[31mice", bob]"#, author: #""al\e[31mice""#)
        let before = root.fingerprint()
        let r = run(["approve", "2.4.0", "--env", "production"], root: root.path, user: "al\u{1B}[31mice")
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("airlock: al[31mice created 2.4.0"), "\(r.err)")
        #expect(r.err.filter { $0 == "\n" }.count == 1 && isPrintable(r.err) && !r.err.contains("\u{1B}"))
        #expect(r.out.isEmpty)
        #expect(root.fingerprint() == before)
    }

    @Test func windowValuesWithControlCharactersAreProblemsPrintedClean() {
        let windows =
            #"windows:\n  - {environments: [production], from: "09:00\e[2J", until: "10:00", "#
            + #"zone: "Europe/Berlin\u0007", name: "x\u009b31m"}"#
        let root = root(
            approvers: "[alice, bob]", windows: windows.replacingOccurrences(of: "\\n", with: "\n"),
            author: "dana")
        let r = run(["check"], root: root.path)
        #expect(r.code == 1)
        #expect(isPrintable(r.out) && isPrintable(r.err))
        #expect(r.out.contains("windows[0].from: "), "\(r.out)")
        #expect(r.out.contains("windows[0].zone: "))
        #expect(r.out.contains("windows[0].name: holds the character U+009B"))
        let before = root.fingerprint()
        #expect(run(["promote", "2.4.0", "--to", "production", "--yes"], root: root.path, user: "bob").code == 1)
        #expect(root.fingerprint() == before)
    }

    @Test func aHugeWindowsListIsOneProblemAnsweredQuickly() {
        let item = #"  - {environments: [production], days: [mon], from: "09:00", until: "10:00"}"#
        let windows = "windows:\n" + Array(repeating: item, count: 20_000).joined(separator: "\n")
        let root = root(approvers: "[alice, bob]", windows: windows, author: "dana")
        let r = run(["check"], root: root.path, limit: 30)
        #expect(r.code == 1 && !r.timedOut)
        #expect(r.out.contains("windows: at most 64 windows, found 20000"), "\(r.out.prefix(400))")
        #expect(r.seconds < 10)
    }
}
