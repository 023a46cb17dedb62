// Writing a plan's files and its audit line as one unit: settle, verify, replace atomically, append.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Test seams of the write transaction: a fault to inject and a moment to act at.
struct WriteFaults: Sendable {
    /// Consulted just before the audit line is appended; an error number makes the append fail with it.
    var beforeAppend: (@Sendable () -> Int32?)?
    /// Called with the attempt number (from 1) before the files are checked against what the plan was built from.
    var beforeVerify: (@Sendable (Int) -> Void)?
}

/// A change and its audit line as one unit. Everything that can fail is done first (temporary files written
/// and synced beside their targets, the audit file opened, checked to be a regular file with room for the line),
/// then the files are swapped in and the line appended; when the append fails, every replaced file is put back.
/// The caller holds the root's lock from before `init` until `commit` returns.
final class WriteTransaction {
    /// One file the change replaces.
    private struct Replacement {
        var rel: String
        var folder: SafeOpen.Folder
        var name: String
        var temp: String?
        /// The bytes the edit was planned from; nil for files airlock owns and replaces whole.
        var base: [UInt8]?
        /// A hard link to the file being replaced (its old inode), to put it back.
        var backup: String?
        /// The old bytes, where no hard link could be made.
        var oldBytes: [UInt8]?
        var mode: mode_t
        var existed: Bool
        var swapped = false
    }

    enum Outcome: Equatable {
        case done
        /// The named file no longer holds what the plan was built from: re-read and plan again.
        case changedUnderneath(String)
    }

    private var replacements: [Replacement] = []
    private let rootFolder: SafeOpen.Folder
    private var audit: Int32 = -1
    private var auditCreated = false
    private var auditSize: off_t = 0
    private var line: [UInt8]
    private var finished = false
    private var committed = false
    /// Folders this change created; taken away again when it is not carried out.
    private var createdFolders: [String] = []

    init(root: String, writes: [(path: String, text: String, base: [UInt8]?)], auditLine: String) throws(StoreIOError) {
        let (folder, rootReal) = try SafeOpen.root(root)
        rootFolder = folder
        line = Array(auditLine.utf8)
        do throws(StoreIOError) {
            var folders: [String: SafeOpen.Folder] = [:]
            for w in writes {
                let parts = w.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                guard let name = parts.last, parts.count <= 2, !name.isEmpty else {
                    throw StoreIOError("\(w.path): not a path airlock writes")
                }
                var target = rootFolder
                if parts.count == 2 {
                    let dir = parts[0]
                    if let open = folders[dir] {
                        target = open
                    } else {
                        let (folder, created) = try SafeOpen.folder(
                            dir, in: rootFolder, rootReal: rootReal,
                            create: true)
                        target = folder
                        folders[dir] = folder
                        if created { createdFolders.append(dir) }
                    }
                }
                let old = try SafeOpen.regularOrAbsent(name, in: target)
                let mode = old.map { $0.st_mode & 0o7777 } ?? 0o644
                let temp = try SafeOpen.temporary(for: name, in: target, bytes: Array(w.text.utf8), mode: mode)
                replacements.append(
                    Replacement(
                        rel: w.path, folder: target, name: name, temp: temp, base: w.base,
                        mode: mode, existed: old != nil))
            }
            if !line.isEmpty { try openAudit() }  // a heartbeat has no audit line
            for i in replacements.indices where replacements[i].existed { try keepOld(i) }
        } catch {
            abandon()
            throw error
        }
    }

    deinit { if !finished { abandon() } }

    private func openAudit() throws(StoreIOError) {
        auditCreated = try SafeOpen.regularOrAbsent("audit.jsonl", in: rootFolder) == nil
        audit = try SafeOpen.open(
            "audit.jsonl", in: rootFolder, flags: O_RDWR | O_APPEND | O_CREAT,
            verb: "open for appending")
        var st = stat()
        guard fstat(audit, &st) == 0 else { throw StoreIOError("audit.jsonl: \(SafeOpen.errorText(errno))") }
        auditSize = st.st_size
        var last: UInt8 = 0x0A
        if auditSize > 0, pread(audit, &last, 1, auditSize - 1) == 1, last != 0x0A { line.insert(0x0A, at: 0) }
        var fs = statvfs()
        if fstatvfs(audit, &fs) == 0 {
            let free = UInt64(fs.f_bavail) * UInt64(fs.f_frsize)
            guard free >= UInt64(line.count) + UInt64(fs.f_bsize) else {
                throw StoreIOError(
                    "audit.jsonl: no room on its disk for the audit line (\(free) bytes free); "
                        + "nothing was changed")
            }
        }
    }

    /// Keeps the file about to be replaced: a hard link to its inode, else its bytes.
    private func keepOld(_ i: Int) throws(StoreIOError) {
        let r = replacements[i]
        let backup = SafeOpen.temporaryName(for: r.name, suffix: ".old")
        if linkat(r.folder.fd, r.name, r.folder.fd, backup, 0) == 0 {
            replacements[i].backup = backup
        } else {
            replacements[i].oldBytes = try SafeOpen.read(r.name, in: r.folder) ?? []
        }
    }

    /// The first planned-from file that is not byte-identical to its base (or is another file now), if any.
    private func changedFile() throws(StoreIOError) -> String? {
        for r in replacements {
            guard let base = r.base else { continue }
            guard let now = try SafeOpen.read(r.name, in: r.folder), now == base else { return r.rel }
            // Another file now (a writer that renames its own over it), even with the same bytes.
            if let backup = r.backup, let kept = try SafeOpen.lstat(backup, in: r.folder),
                let current = try SafeOpen.lstat(r.name, in: r.folder),
                kept.st_ino != current.st_ino || kept.st_dev != current.st_dev
            {
                return r.rel
            }
        }
        return nil
    }

    /// Swaps the files in and appends the audit line; on a failed append puts every file back and throws.
    /// Files planned from bytes must hold exactly those bytes now and for `settle` seconds, or nothing is done.
    func commit(settle: TimeInterval, attempt: Int, faults: WriteFaults) throws(StoreIOError) -> Outcome {
        defer { if !finished { abandon() } }
        faults.beforeVerify?(attempt)
        if replacements.contains(where: { $0.base != nil }) {
            if let rel = try changedFile() { return .changedUnderneath(rel) }
            if settle > 0 { usleep(useconds_t(settle * 1_000_000)) }
            if let rel = try changedFile() { return .changedUnderneath(rel) }
        }
        for i in replacements.indices {
            let r = replacements[i]
            guard let temp = r.temp, renameat(r.folder.fd, temp, r.folder.fd, r.name) == 0 else {
                let reason = SafeOpen.errorText(errno)
                let unrestored = restore()
                throw StoreIOError("\(r.rel): cannot replace it: \(reason); " + Self.outcome(unrestored))
            }
            replacements[i].temp = nil
            replacements[i].swapped = true
        }
        syncFolders()
        // A writer that kept writing into the old file after the last check: put it back and plan again.
        for r in replacements {
            guard let base = r.base, let backup = r.backup else { continue }
            if try SafeOpen.read(backup, in: r.folder) != base {
                let unrestored = restore()
                guard unrestored.isEmpty else {
                    throw StoreIOError("\(r.rel): changed while written; " + Self.outcome(unrestored))
                }
                return .changedUnderneath(r.rel)
            }
        }
        var failure = line.isEmpty ? nil : faults.beforeAppend?()
        if failure == nil && !line.isEmpty { failure = SafeOpen.writeAll(audit, line) }
        if failure == nil && !line.isEmpty && fsync(audit) != 0 { failure = errno }
        if let failure {
            _ = ftruncate(audit, auditSize)  // a partial line never stays
            let unrestored = restore()
            throw StoreIOError(
                "audit.jsonl: cannot append the audit line (\(SafeOpen.errorText(failure))); "
                    + Self.outcome(unrestored))
        }
        auditCreated = false
        committed = true
        abandon()
        return .done
    }

    private static func outcome(_ unrestored: [String]) -> String {
        unrestored.isEmpty
            ? "nothing was changed"
            : "could not put back " + unrestored.joined(separator: ", ") + " (see the .tmp. files beside them)"
    }

    private func syncFolders() {
        var seen = Set<Int32>()
        for r in replacements where seen.insert(r.folder.fd).inserted { r.folder.sync() }
    }

    /// Puts every swapped file back as it was; returns the files that could not be.
    private func restore() -> [String] {
        var failed: [String] = []
        for i in replacements.indices.reversed() where replacements[i].swapped {
            let r = replacements[i]
            var ok = true
            if let backup = r.backup {
                ok = renameat(r.folder.fd, backup, r.folder.fd, r.name) == 0
                if ok { replacements[i].backup = nil }
            } else if let old = r.oldBytes {
                do throws(StoreIOError) {
                    let temp = try SafeOpen.temporary(for: r.name, in: r.folder, bytes: old, mode: r.mode)
                    ok = renameat(r.folder.fd, temp, r.folder.fd, r.name) == 0
                    if !ok { unlinkat(r.folder.fd, temp, 0) }
                } catch { ok = false }
            } else if !r.existed {
                ok = unlinkat(r.folder.fd, r.name, 0) == 0 || errno == ENOENT
            }
            if ok { replacements[i].swapped = false } else { failed.append(r.rel) }
        }
        syncFolders()
        return failed
    }

    /// Removes what the transaction left behind: temporary files, links to old files, an audit file it created.
    private func abandon() {
        finished = true
        for r in replacements {
            if let temp = r.temp { unlinkat(r.folder.fd, temp, 0) }
            // A backup of a file that could not be put back stays, so the old content is not lost.
            if let backup = r.backup, committed || !r.swapped { unlinkat(r.folder.fd, backup, 0) }
        }
        if !committed {
            for dir in createdFolders { unlinkat(rootFolder.fd, dir, AT_REMOVEDIR) }
        }
        if audit >= 0 {
            var st = stat()
            if auditCreated, fstat(audit, &st) == 0, st.st_size == 0 { unlinkat(rootFolder.fd, "audit.jsonl", 0) }
            close(audit)
            audit = -1
        }
    }
}
