// Hostile four eyes and windows on the dashboard: escape sequences in an author and a window's name never reach
// the screen's cells, and the refusal still reads as one line.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite("Hostile input: four eyes and windows on the dashboard") struct HostileGovernanceUpdateTests {
    @Test func escapeSequencesInTheAuthorAndAWindowNameAreShownAsText() throws {
        let author = "al\u{1B}[31mice\u{9B}2J"
        var production = EnvironmentConfig(
            name: "production", staleAfter: 86400, protected: true, approvers: [author, "bob"], requiredApprovals: 1)
        production.separateDuties = true
        var pipeline = Pipeline(
            name: "shop", environments: [EnvironmentConfig(name: "staging", staleAfter: 86400), production])
        pipeline.windows = [
            DeployWindow(name: "w\u{1B}]0;owned\u{7}", environments: ["production"], days: [.sun], from: 0, until: 1)
        ]
        var snap = Snapshot(pipeline: pipeline)
        let now = try #require(TimeFormat.parseTimestamp("2026-11-23T10:00:00Z"))
        snap.environments["staging"] = EnvironmentStatus(version: "2.4.0", updatedAt: now, health: .healthy)
        snap.environments["production"] = EnvironmentStatus(version: "2.3.0", updatedAt: now, health: .healthy)
        var release = Release(version: "2.4.0")
        release.createdBy = author
        snap.releases = ["2.4.0": release, "2.3.0": Release(version: "2.3.0")]
        var s = AppState(snapshot: snap, now: now, actor: author, width: 120, height: 40)
        s.selected = "production"
        _ = Update.update(&s, .key(.char("a")))
        #expect(s.message?.text.contains("created 2.4.0") == true && s.overlays.isEmpty)
        _ = Update.update(&s, .key(.enter))
        let cells = Views.render(s).lines.joined(separator: "\n")
        #expect(cells.contains("window closed · w]0;owned opens in"), "\(cells)")
        #expect(!cells.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F..<0xA0).contains($0.value) })
    }
}
