// Hostile input in what the grown environment panels show: escape sequences, CRLF and bidi overrides in service,
// flag and audit values, huge versions, wide and combining characters, thousands of services, odd dates.

import Foundation
import Testing

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

@Suite("Hostile input: environment panels") struct HostilePanelTests {
    func controlFree(_ grid: Grid) -> Bool {
        grid.cells.allSatisfy { c in
            let v = c.char.value
            return
                !(v < 0x20 || v == 0x7f || (0x80...0x9f).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v))
        }
    }

    /// Every panel's left and right border is whole on every row: nothing drawn inside spilled over it.
    func bordersWhole(_ g: Grid) -> Bool {
        let corners = (0..<g.width).filter { g[$0, 1].char == "┌" || g[$0, 1].char == "┐" }
        guard let first = corners.first, corners.count >= 2,
            let bottom = (2..<g.height).first(where: { g[first, $0].char == "└" })
        else { return false }
        return (2..<bottom).allSatisfy { y in corners.allSatisfy { g[$0, y].char == "│" } }
    }

    func deploy(_ s: AppState, _ env: String, version: String, by: String, ago: TimeInterval) -> AuditEntry {
        AuditEntry(at: s.now.addingTimeInterval(-ago), actor: by, action: .deployed, version: version, environment: env)
    }

    @Test func escapeSequencesCRLFAndBidiNeverReachTheScreen() throws {
        var (s, _) = try demoState(width: 160, height: 45)
        var snap = s.snapshot
        snap.environments["development"]?.services = [
            Service(name: "\u{1b}[31mevil\u{1b}[0m", version: "1", health: .down),
            Service(name: "osc\u{1b}]0;pwned\u{07}", version: "1", health: .degraded),
        ]
        snap.environments["development"]?.flags = [("\u{1b}[2Jwipe", "on\r\nINJECTED\u{9b}2J"), ("dark-mode", "true")]
        snap.audit.append(deploy(s, "development", version: "9.9\u{1b}[H", by: "\u{202e}mallory\u{8}", ago: 60))
        s.snapshot = snap
        for (w, h) in [(160, 45), (120, 40), (80, 24)] {
            s.width = w
            s.height = h
            let g = Views.render(s)
            #expect(controlFree(g), "\(w)x\(h)")
            #expect(bordersWhole(g), "\(w)x\(h)")
        }
        s.width = 160
        s.height = 45
        let text = Views.render(s).lines.joined(separator: "\n")
        #expect(text.contains("✗ [31mevil[0m down"))
        #expect(text.contains("9.9[H       mallory  1m"))
        #expect(text.contains("on  INJECTED2J"))
    }

    @Test func aHugeVersionKeepsItsEndAndAHugeNameIsCut() throws {
        var (s, _) = try demoState(width: 120, height: 40)
        let version = String(repeating: "7", count: 5000) + "-build-7f3a"
        s.snapshot.audit.append(deploy(s, "qa", version: version, by: String(repeating: "m", count: 3000), ago: 60))
        let g = Views.render(s)
        #expect(bordersWhole(g))
        let row = try #require(g.lines.first { $0.contains("-build-7f3a") })
        #expect(row.contains("…"), "cut at the start, the end kept: \(row)")
        #expect(row.contains("1m"))
        #expect(s.panels["qa"]?.deploys.first?.version == version)
    }

    @Test func wideAndCombiningCharactersKeepTheBorders() throws {
        var (s, _) = try demoState(width: 120, height: 40)
        let wide = String(repeating: "支付服务", count: 6)
        var snap = s.snapshot
        snap.environments["development"]?.services = [
            Service(name: wide, version: "1", health: .degraded),
            Service(name: String(repeating: "e\u{301}\u{301}", count: 200), version: "1", health: .down),
        ]
        snap.environments["development"]?.flags = [(String(repeating: "😀", count: 30), "是"), ("dark-mode", "true")]
        let name = String(repeating: "山田太郎", count: 3)
        snap.audit.append(deploy(s, "development", version: "版本-" + wide, by: name, ago: 90))
        snap.audit.append(deploy(s, "staging", version: "2.4.0", by: "z\u{200b}\u{200b}\u{200b}", ago: 30))
        s.snapshot = snap
        for (w, h) in [(160, 45), (120, 40), (100, 30), (80, 24), (50, 12)] {
            s.width = w
            s.height = h
            let g = Views.render(s)
            #expect(controlFree(g), "\(w)x\(h)")
            // At 50 columns the environments show as the compact table: no panel borders.
            #expect(w < 80 || bordersWhole(g), "\(w)x\(h)")
        }
    }

    /// Thousands of failing services and differing flags: the panel says how many more, the pending list keeps its
    /// rows, and a frame costs no more than a screenful.
    @Test func thousandsOfServicesAndFlagsStayOnePanelAndQuick() throws {
        var (s, _) = try demoState(width: 160, height: 45)
        var snap = s.snapshot
        snap.environments["development"]?.services = (0..<5000).map {
            Service(name: "svc-\($0)", version: "1", health: .down)
        }
        snap.environments["development"]?.flags = (0..<2000).map { ("flag-\($0)", "on") }
        snap.environments["qa"]?.flags = (0..<2000).map { ("flag-\($0)", "off") }
        let clock = ContinuousClock()
        let start = clock.now
        s.snapshot = snap
        var g = Views.render(s)
        for _ in 0..<20 { g = Views.render(s) }
        let took = clock.now - start
        #expect(took < .seconds(5), "a read and 21 frames took \(took)")
        let text = g.lines.joined(separator: "\n")
        #expect(text.contains("✗ svc-0 down"))
        // 27 rows inside the grown panel: five first rows, 21 services and the count of the rest.
        #expect(text.contains("  +4979 more"))
        #expect(text.contains("· needs 1 more approval (1/2)"), "the pending list keeps its rows")
        #expect(bordersWhole(g))
    }

    @Test func unknownEnvironmentsFutureDatesAndEndlessSoaksAreHarmless() throws {
        var (s, _) = try demoState(width: 160, height: 45)
        var snap = s.snapshot
        snap.audit.append(deploy(s, "nowhere", version: "6.6.6", by: "ghost", ago: 10))
        snap.audit.append(deploy(s, "qa", version: "8.8.8", by: "tardis", ago: -86400 * 365 * 5000))
        snap.audit.append(
            AuditEntry(at: s.now, actor: "x", action: .deployed, version: "", environment: "staging"))
        snap.environments["qa"]?.deployedAt = Date.distantFuture
        s.snapshot = snap
        let g = Views.render(s)
        let text = g.lines.joined(separator: "\n")
        #expect(text.contains("8.8.8  tardis  0s"))
        #expect(text.contains("soak ") && text.contains(" left of 20m"))
        #expect(controlFree(g) && bordersWhole(g))
        #expect(s.panels["nowhere"] == nil)
    }
}
