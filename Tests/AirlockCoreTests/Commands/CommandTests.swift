// Commands as values: their names, the version names they carry, and the command an audit line records.
import Foundation
import Testing

@testable import AirlockCore

@Suite struct CommandTests {
    @Test func namesAsPeopleTypeThem() {
        let commands: [Command] = [
            .promote(version: "1", to: "qa", reason: nil), .rollback(environment: "qa", to: nil, reason: nil),
            .approve(version: "1", environment: "qa"), .setItem(version: "1", item: "x", done: true, note: nil),
        ]
        #expect(commands.map(\.name) == ["promote", "rollback", "approve", "checklist"])
        #expect(commands.map(\.versionNames) == [["1"], [], ["1"], ["1"]])
        #expect(Command.rollback(environment: "qa", to: "0.9", reason: nil).versionNames == ["0.9"])
    }

    @Test func theCommandAnAuditLineRecords() {
        func line(_ action: AuditAction, env: String? = "qa", item: String? = nil) -> AuditEntry {
            AuditEntry(at: t0, actor: "a", action: action, version: "1.0", environment: env, item: item, reason: "r")
        }
        #expect(Command(replaying: line(.promote)) == .promote(version: "1.0", to: "qa", reason: "r"))
        #expect(Command(replaying: line(.rollback)) == .rollback(environment: "qa", to: "1.0", reason: "r"))
        #expect(Command(replaying: line(.approve)) == .approve(version: "1.0", environment: "qa"))
        #expect(
            Command(replaying: line(.uncheck, item: "docs"))
                == .setItem(version: "1.0", item: "docs", done: false, note: "r"))
        #expect(
            Command(replaying: line(.check, env: nil, item: "docs"))
                == .setItem(version: "1.0", item: "docs", done: true, note: "r"))
        for action in [AuditAction.promote, .rollback, .approve] {
            #expect(Command(replaying: line(action, env: nil)) == nil)
        }
        #expect(Command(replaying: line(.check)) == nil)
    }
}
