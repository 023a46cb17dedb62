// The agent's cursor over the audit log: each look reads only the appended tail, and judges as a whole read does.
import AirlockCore
import AirlockTestSupport
import Foundation
import Testing

@testable import AirlockStore

@Suite("The agent's cursor over the audit log")
struct AgentLogCursorTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func json(_ e: AuditEntry) -> String { AuditLog.json(e).serialized() }

    @Test func eachLookReadsOnlyTheTailAndATruncatedLogIsReadAgain() throws {
        let root = TempRoot(["airlock.yaml": "pipeline: p\nenvironments:\n  - name: qa\n"])
        var text = ""
        let cursor = AgentLogCursor(root: root.path, agent: "airlock-agent")
        for i in 0..<50 {
            let e = AuditEntry(
                at: t0 + Double(i), actor: "ci", action: .deployed, version: "1.\(i)", environment: "qa")
            text += json(e) + "\n"
            root.write("audit.jsonl", text)
            try cursor.update()
            #expect(cursor.recorded["qa"]?.version == "1.\(i)")
        }
        #expect(cursor.readsFromStart == 1)
        // Cut to its first line (a rotation): read again from the start.
        root.write("audit.jsonl", String(text.prefix { $0 != "\n" }) + "\n")
        try cursor.update()
        #expect(cursor.recorded["qa"]?.version == "1.0")
        #expect(cursor.readsFromStart == 2)
    }

    /// Random logs on qa (deploys of development, people's and the agent's promotions, rollbacks, holds,
    /// resumes): the cursor's forward reading calls for the same hold/resume line as the newest-first scan.
    @Test func forwardsItJudgesHoldsAsTheNewestFirstScanDoes() {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        print("seed \(seed)")
        var rng = SeededRandom(state: seed)
        for _ in 0..<500 {
            var lines: [AuditEntry] = []
            for i in 0..<Int.random(in: 1...12, using: &rng) {
                let v = "1.\(Int.random(in: 0...3, using: &rng))"
                let at = t0 + Double(i)
                switch Int.random(in: 0...5, using: &rng) {
                case 0: lines.append(AuditEntry(at: at, actor: "ci", action: .deployed, version: v, environment: "dev"))
                case 1:
                    lines.append(
                        AuditEntry(at: at, actor: "bob", action: .promote, version: v, environment: "qa", from: "dev"))
                case 2:
                    lines.append(
                        AuditEntry(
                            at: at, actor: "airlock-agent", action: .promote, version: v, environment: "qa",
                            from: "dev"))
                case 3: lines.append(AuditEntry(at: at, actor: "eve", action: .rollback, version: v, environment: "qa"))
                case 4: lines.append(AuditEntry(at: at, actor: "bob", action: .hold, version: v, environment: "qa"))
                default:
                    lines.append(AuditEntry(at: at, actor: "carol", action: .resume, version: "-", environment: "qa"))
                }
            }
            var backward = HoldScan(environment: "qa", agent: "airlock-agent")
            for e in lines.reversed() where !backward.take(e) { break }
            var forward = HoldScan(environment: "qa", agent: "airlock-agent")
            var deployed: [String: String] = [:]
            for e in lines {
                if e.action == .deployed, let env = e.environment { deployed[env] = e.version }
                forward.takeForward(e, sourceRan: e.from.flatMap { deployed[$0] })
            }
            let now = t0 + 100
            #expect(
                forward.line(candidateNow: "1.9", now: now) == backward.line(candidateNow: "1.9", now: now),
                "seed \(seed): \(lines.map { "\($0.action.rawValue) \($0.actor) \($0.version)" })")
            #expect(forward.hold == backward.hold, "seed \(seed)")
        }
    }
}
