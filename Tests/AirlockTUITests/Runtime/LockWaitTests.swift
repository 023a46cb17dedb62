// An action waiting for the root's lock: the status line names the holder, and quitting stops the wait.

import AirlockDemo
import Foundation
import Testing

@testable import AirlockStore
@testable import AirlockTUI

#if canImport(Glibc)
    import Glibc
#endif

/// The dashboard's action path while another process holds the root's lock: it says whom it waits for, and
/// quitting stops the wait at once without touching the root.
@Suite struct LockWaitTests {
    /// Every file under the root, byte for byte.
    func tree(_ root: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let rel = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: root + "/" + rel) { files[rel] = data }
        }
        return files
    }

    /// Messages posted to the mailbox until one matches, or nil after `limit` seconds.
    func awaitMessage(_ mailbox: Mailbox, limit: TimeInterval, _ match: (Msg) -> Bool) -> Msg? {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            var ready = pollfd(fd: mailbox.readFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&ready, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000)))
            if let m = mailbox.take().messages.first(where: match) { return m }
        }
        return nil
    }

    @Test(.timeLimit(.minutes(1)))
    func quittingStopsAnActionWaitingForTheLockAndNothingChanges() throws {
        let root = try DemoRoot.create()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Another airlock process holds the lock: it recorded itself in the file (with a control character a
        // hostile holder could write) and keeps the flock on its own descriptor.
        let fd = open(root + "/.airlock.lock", O_RDWR | O_CREAT, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        let record =
            "{\"actor\":\"mallory\\u001b[31m\",\"pid\":4242,\"host\":\"\(RootLock.Holder.hostName())\","
            + "\"command\":\"promote\",\"since\":\"2026-11-22T12:01:02Z\"}\n"
        _ = record.withCString { write(fd, $0, strlen($0)) }
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let before = tree(root)

        let mailbox = Mailbox()
        let cancel = LockWaitCancel()
        let store = DashboardApp.actionStore(root: root, mailbox: mailbox, cancel: cancel)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Msg?
        DispatchQueue(label: "test.actions").async {
            result = DashboardApp.perform(
                .promote(version: "2.4.1", to: "staging"), store: store,
                actor: "alice", root: root)
            done.signal()
        }

        let waiting = awaitMessage(mailbox, limit: 10) { if case .lockWait = $0 { true } else { false } }
        guard case .lockWait(let text)? = waiting else {
            Issue.record("no waiting message")
            return
        }
        #expect(text.contains("waiting for the lock on \(root) held by mallory"), "\(text)")
        #expect(text.contains("(pid 4242, promote, since "), "\(text)")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }, "\(text)")
        // The status line shows it.
        var (state, _) = try demoState()
        _ = Update.update(&state, .lockWait(text))
        #expect(state.message?.text == text)
        #expect(done.wait(timeout: .now()) == .timedOut, "still waiting while the lock is held")

        let asked = Date()
        cancel.cancel()
        #expect(done.wait(timeout: .now() + 2) == .success, "the wait stops once quitting cancels it")
        #expect(Date().timeIntervalSince(asked) < 1)
        guard case .actionDone(let message, let isError)? = result else {
            Issue.record("no result")
            return
        }
        #expect(isError && message.contains("stopped waiting for the lock"), "\(message)")
        #expect(message.contains("nothing was changed"), "\(message)")
        #expect(tree(root) == before, "no file of the root changed")
    }

    /// Once the lock is free, the same store carries the action out: cancelling only ever stops a wait.
    @Test(.timeLimit(.minutes(1)))
    func anUncancelledActionRunsOnceTheLockIsFree() throws {
        let root = try DemoRoot.create()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = DashboardApp.actionStore(root: root, mailbox: Mailbox(), cancel: LockWaitCancel())
        let msg = DashboardApp.perform(
            .promote(version: "2.4.1", to: "staging"), store: store,
            actor: "alice", root: root)
        guard case .actionDone(let message, let isError) = msg else {
            Issue.record("no result")
            return
        }
        #expect(!isError, "\(message)")
        #expect(FileManager.default.fileExists(atPath: root + "/promotions/staging.yaml"))
    }
}
