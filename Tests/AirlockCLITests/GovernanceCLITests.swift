// Four eyes and deploy windows through the binary: allowed and refused, a refusal changing no file, the JSON.
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore

/// The day of the week two days from now (UTC), as `days:` names it: a window only on it is closed now.
private func dayAfterTomorrow() -> String {
    let days = Int(Date().timeIntervalSince1970 / 86400)
    return ["thu", "fri", "sat", "sun", "mon", "tue", "wed"][(days + 2) % 7]
}

/// staging runs 2.4.0 (created by alice), production 2.3.0 and separates duties (two approvals of alice, bob,
/// carol, dave); `windows` is appended to airlock.yaml.
private func fourEyesRoot(windows: String = "", approvals: [String] = []) -> TempRoot {
    let list = approvals.map { "  - {by: \($0), environment: production}" }.joined(separator: "\n")
    return TempRoot([
        "airlock.yaml": """
        pipeline: shop
        environments:
          - name: staging
          - name: production
            protected: true
            separate_duties: true
            approvers: [alice, bob, carol, dave]
            required_approvals: 2
        \(windows)
        """,
        "environments/staging.yaml": "version: 2.4.0\nupdated_at: \(recent)\nhealth: healthy\n",
        "environments/production.yaml": "version: 2.3.0\nupdated_at: \(recent)\nhealth: healthy\n",
        "releases/2.3.0.yaml": "version: 2.3.0\n",
        "releases/2.4.0.yaml": "version: 2.4.0\ncreated_by: alice\n" + (list.isEmpty ? "" : "approvals:\n\(list)\n"),
    ])
}

@Suite struct FourEyesCLITests {
    @Test func theAuthorCannotApproveAndNothingChanges() {
        let root = fourEyesRoot()
        let before = root.fingerprint()
        let r = run(["approve", "2.4.0", "--env", "production"], root: root.path, user: "alice")
        #expect(r.code == 1)
        #expect(
            r.err
                == "airlock: alice created 2.4.0 (created_by in releases/2.4.0.yaml) and cannot approve it for "
                + "production: production separates duties\n")
        #expect(root.fingerprint() == before)
    }

    @Test func someoneElseApproves() {
        let root = fourEyesRoot()
        let r = run(["approve", "2.4.0", "--env", "production"], root: root.path, user: "bob")
        #expect(r.code == 0, "\(r.err)")
        #expect(root.load().releases["2.4.0"]?.approvals.map(\.by) == ["bob"])
    }

    @Test func aPromoterNeededForTheQuorumIsRefusedAndNothingChanges() {
        let root = fourEyesRoot(approvals: ["bob", "carol"])
        let before = root.fingerprint()
        let r = run(["promote", "2.4.0", "--to", "production", "--yes"], root: root.path, user: "bob")
        #expect(r.code == 1)
        #expect(
            r.err
                == "airlock: someone else must promote 2.4.0, or one more approval is needed: production separates "
                + "duties and bob's own approval is needed for its quorum (1/2 without it)\n")
        #expect(root.fingerprint() == before)
    }

    @Test func someoneWhoseApprovalIsNotNeededPromotes() {
        let root = fourEyesRoot(approvals: ["bob", "carol"])
        let r = run(["promote", "2.4.0", "--to", "production", "--yes"], root: root.path, user: "dave")
        #expect(r.code == 0, "\(r.err)")
        #expect(root.load().promotions["production"]?.requestedBy == "dave")
    }

    @Test func statusJSONListsWhoApprovedAndNotTheAuthor() throws {
        // alice's approval was written by hand: as the author's, it does not count.
        let root = fourEyesRoot(approvals: ["bob", "alice", "mallory", "bob"])
        let r = run(["status", "--json"], root: root.path)
        #expect(r.code == 0, "\(r.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let pending = try #require(object["pending"] as? [[String: Any]])
        #expect(pending.count == 1)
        #expect(pending.first?["approved_by"] as? [String] == ["bob"])
        #expect(pending.first?["blockers"] as? [String] == ["approvals:1/2"])
    }
}

@Suite struct DeployWindowCLITests {
    @Test func outsideItsWindowsAPromotionIsRefusedSayingWhenTheNextOpensAndNothingChanges() throws {
        let day = dayAfterTomorrow()
        let root = fourEyesRoot(
            windows: "windows:\n  - {environments: [production], days: [\(day)], from: \"09:00\", until: \"17:00\", "
                + "zone: Europe/Berlin, name: office-hours}",
            approvals: ["bob", "carol"])
        let before = root.fingerprint()
        let r = run(["promote", "2.4.0", "--to", "production", "--yes"], root: root.path, user: "dave")
        #expect(r.code == 1)
        #expect(r.err.contains("2.4.0 cannot enter production: window:office-hours (outside its deploy windows: "))
        #expect(r.err.contains("office-hours opens "))
        #expect(root.fingerprint() == before)
        let status = run(["status"], root: root.path)
        #expect(status.out.contains("window:office-hours"))
        let json = run(["status", "--json"], root: root.path)
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let pending = object?["pending"] as? [[String: Any]]
        #expect(pending?.first?["blockers"] as? [String] == ["window:office-hours"])
        #expect(pending?.first?["approved_by"] as? [String] == ["bob", "carol"])
        let envs = object?["environments"] as? [[String: Any]]
        #expect(envs?.first?["window"] is NSNull, "staging has no windows")
        let window = envs?.last?["window"] as? [String: Any]
        #expect(window?["open"] as? Bool == false && window?["name"] as? String == "office-hours")
        #expect((window?["opens_at"] as? String).flatMap(TimeFormat.parseTimestamp).map { $0 > Date() } == true)
        #expect(window?["closes_at"] is NSNull)
    }

    @Test func insideAWindowAPromotionGoesAhead() throws {
        let root = fourEyesRoot(
            windows: "windows:\n  - {environments: [production], from: \"00:00\", until: \"24:00\"}",
            approvals: ["bob", "carol"])
        let json = run(["status", "--json"], root: root.path)
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let window = (object?["environments"] as? [[String: Any]])?.last?["window"] as? [String: Any]
        #expect(window?["open"] as? Bool == true && window?["name"] as? String == "00:00-24:00")
        #expect(window?["opens_at"] is NSNull && window?["closes_at"] is NSNull, "open on every day: never closes")
        let r = run(["promote", "2.4.0", "--to", "production", "--yes"], root: root.path, user: "dave")
        #expect(r.code == 0, "\(r.err)")
    }

    @Test func aRollbackIgnoresWindows() {
        let day = dayAfterTomorrow()
        let root = fourEyesRoot(
            windows: "windows:\n  - {environments: [production], days: [\(day)], from: \"09:00\", until: \"10:00\"}")
        root.write("releases/2.2.0.yaml", "version: 2.2.0\n")
        root.write(
            "audit.jsonl",
            #"{"at":"2026-11-01T10:00:00Z","actor":"bob","action":"promote","version":"2.3.0","#
                + #""environment":"production","from":"staging","previous":"2.2.0"}"# + "\n")
        let r = run(["rollback", "production", "--yes"], root: root.path, user: "bob")
        #expect(r.code == 0, "\(r.err)")
        #expect(root.load().promotions["production"]?.version == "2.2.0")
    }

    @Test func aBadWindowIsAProblemOfCheckWithItsLine() {
        let root = fourEyesRoot(
            windows: "windows:\n  - {environments: [production], from: \"09:00\", until: \"10:00\", zone: Mars/Base}")
        let r = run(["check"], root: root.path)
        #expect(r.code == 1)
        #expect(
            r.out.contains(
                #"airlock.yaml:10: windows[0].zone: "Mars/Base" is not a time zone "#
                    + "(an IANA name like Europe/Berlin, or UTC)"), "\(r.out)")
        let before = root.fingerprint()
        #expect(run(["promote", "2.4.0", "--to", "production", "--yes"], root: root.path, user: "dave").code == 1)
        #expect(root.fingerprint() == before)
    }
}
