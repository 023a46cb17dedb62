// What the dashboard's tests share: the demo state at a fixed moment, key presses, golden files.

import AirlockDemo
import Foundation

@testable import AirlockCore
@testable import AirlockStore
@testable import AirlockTUI

/// Demo roots made for the tests, removed when the test process ends (a test that writes into its root removes it
/// itself as soon as it is done).
private final class MadeRoots: @unchecked Sendable {
    static let shared = MadeRoots()
    private let lock = NSLock()
    private var roots: [String] = []

    private init() {
        atexit { MadeRoots.shared.removeAll() }
    }

    func add(_ root: String) {
        lock.lock()
        roots.append(root)
        lock.unlock()
    }

    func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for root in roots { try? FileManager.default.removeItem(atPath: root) }
        roots = []
    }
}

/// The demo pipeline at a fixed moment, every environment freshly reported: screens are the same on every run.
func demoState(width: Int = 120, height: Int = 40, actor: String = "alice") throws -> (AppState, String) {
    let root = try DemoRoot.create()
    MadeRoots.shared.add(root)
    var snap = RootLoader(root: root).load()
    let now = TimeFormat.parseTimestamp("2026-11-21T23:00:00Z")!
    for name in snap.environments.keys { snap.environments[name]?.updatedAt = now.addingTimeInterval(-30) }
    var state = AppState(snapshot: snap, now: now, actor: actor, width: width, height: height)
    state.lastRead = now
    return (state, root)
}

func press(_ s: inout AppState, _ keys: Key...) -> [Effect] {
    var effects: [Effect] = []
    for k in keys { effects += Update.update(&s, .key(k)) }
    return effects
}

func type(_ s: inout AppState, _ text: String) {
    for ch in text { _ = Update.update(&s, .key(.char(ch))) }
}

/// Compares text with a golden file; AIRLOCK_UPDATE_SNAPSHOTS=1 rewrites it.
func matchesText(_ text: String, named name: String) -> (Bool, String) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let path = dir.appendingPathComponent(name + ".txt").path
    if ProcessInfo.processInfo.environment["AIRLOCK_UPDATE_SNAPSHOTS"] == "1" {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return (true, "")
    }
    guard let golden = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
        return (false, "no golden file \(path) (run with AIRLOCK_UPDATE_SNAPSHOTS=1 once and review it)")
    }
    if golden == text { return (true, "") }
    let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
    let b = text.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : "") != (i < b.count ? b[i] : "") {
        return (
            false, "line \(i + 1) differs:\n  golden: \(i < a.count ? a[i] : "")\n  now:    \(i < b.count ? b[i] : "")"
        )
    }
    return (false, "differs")
}

/// Compares a grid with a golden file (text, then the role map); AIRLOCK_UPDATE_SNAPSHOTS=1 rewrites it.
func matchesSnapshot(_ grid: Grid, named name: String) -> (Bool, String) {
    matchesText(
        grid.lines.joined(separator: "\n") + "\n--- roles ---\n" + grid.roleLines.joined(separator: "\n") + "\n",
        named: name)
}
