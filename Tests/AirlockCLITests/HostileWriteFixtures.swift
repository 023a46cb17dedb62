// The hostile write tests' fixtures: commands that write, another program's edits, a lock held from here.
import AirlockTestSupport
import Foundation

@testable import AirlockCore
@testable import AirlockStore

/// The hostile write tests' fixtures: commands that write, another program's edits, a lock held from here.
extension HostileWriteTests {
    /// Commands that write: an edit of an existing release, a new promotion file, a replaced promotion file.
    static let writes: [(args: [String], existingRequest: Bool)] = [
        (["approve", "2.4.0", "--env", "production"], false),
        (["promote", "2.4.1", "--to", "staging"], false),
        (["promote", "2.4.1", "--to", "staging"], true),
    ]

    static func call(_ store: Store, _ args: [String]) throws(OperationError) -> OperationResult {
        args[0] == "approve"
            ? try store.approve(version: args[1], environment: args[3], actor: "alice")
            : try store.promote(version: args[1], to: args[3], actor: "alice", confirmed: true)
    }

    /// The release as another program (an editor, `cat >` in CI) writes it: approvals and items at the end.
    static func othersText(_ n: Int) -> String {
        "version: 2.5.0\nnotes: edited by hand \(n)\nchecklist:\n  feature-complete: true\n  code-freeze: false\n"
            + "approvals:\n  - {by: alice, environment: production}\n  - {by: bob, environment: production}\n"
    }

    static func keepsOthersContent(_ text: String?, _ n: Int) -> Bool {
        guard let text else { return false }
        return text.contains("notes: edited by hand \(n)") && text.contains("feature-complete: true")
            && text.contains("{by: alice, environment: production}")
            && text.contains("{by: bob, environment: production}")
    }

    /// Rewrites the release the way another program does, without the lock.
    static func rewrite(_ path: String, _ n: Int) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(othersText(n).utf8))
    }

    static func tick(_ store: Store) throws(OperationError) -> OperationResult {
        try store.setChecklistItem(version: "2.5.0", item: "code-freeze", done: true, note: nil, actor: "carol")
    }

    /// Holds the root's lock from this process (as alice, ticking an item) until `release` is signalled.
    static func holdLock(_ root: String)
        -> (inside: DispatchSemaphore, release: DispatchSemaphore, done: DispatchSemaphore)
    {
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        var holder = Store(root: root)
        holder.faults.beforeVerify = { _ in
            inside.signal()
            release.wait()
        }
        let store = holder
        Thread.detachNewThread {
            _ = try? store.setChecklistItem(
                version: "2.5.0", item: "feature-complete", done: true, note: nil,
                actor: "alice")
            done.signal()
        }
        return (inside, release, done)
    }
}
