// The audit log opened for reading without holding it whole: lines backwards from the end or forwards.
import AirlockCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// audit.jsonl opened for reading without ever holding the whole of it: lines come backwards from the end or
/// forwards from an offset, a chunk at a time. The file is opened without blocking and checked to be a regular
/// file, so a FIFO or device in its place is a problem, never a hang.
final class AuditFile {
    static let relPath = "audit.jsonl"
    /// Bytes read at a time.
    static let chunkSize = 64 * 1024
    /// A line longer than this is a problem and is skipped without being held in memory.
    static let maxLineLength = 1024 * 1024

    let fd: Int32
    /// Size when opened: lines appended later are not read through this handle.
    let size: Int
    let inode: UInt64
    let stamp: FileStamp

    enum Opened {
        case missing
        case problem(Problem)
        case file(AuditFile)
    }

    private init(fd: Int32, st: stat) {
        self.fd = fd
        size = Int(st.st_size)
        inode = UInt64(st.st_ino)
        stamp = FileStamp(
            size: size, mtimeSec: st.st_mtim.tv_sec, mtimeNsec: st.st_mtim.tv_nsec, inode: inode,
            ctimeSec: st.st_ctim.tv_sec, ctimeNsec: st.st_ctim.tv_nsec)
    }

    deinit { close(fd) }

    static func open(root: String) -> Opened {
        let path = root + "/" + relPath
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT {
                // A link to nothing is not "no log": every write would be refused through it.
                var st = stat()
                if lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK {
                    return .problem(Problem(path: relPath, line: nil, message: "a symlink to nothing"))
                }
                return .missing
            }
            let reason = String(cString: strerror(errno))
            return .problem(Problem(path: relPath, line: nil, message: "cannot be read: \(reason)"))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            return .problem(Problem(path: relPath, line: nil, message: "cannot be read"))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .problem(Problem(path: relPath, line: nil, message: "not a regular file"))
        }
        // A link may point elsewhere inside the root, never out of it.
        let realRoot = StatusFileReader.realRoot(root)
        if let opened = SafeOpen.realPath(of: fd), !StatusFileReader.isInside(opened, realRoot: realRoot) {
            close(fd)
            return .problem(
                Problem(path: relPath, line: nil, message: "a symlink that leaves the status root (to \(opened))"))
        }
        return .file(AuditFile(fd: fd, st: st))
    }

    /// Reads up to `count` bytes at `offset` (fewer at the end of the file or on an error).
    func read(at offset: Int, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { buf in
                pread(fd, buf.baseAddress.map { $0 + got }, count - got, off_t(offset + got))
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        if got < count { out.removeLast(count - got) }
        return out
    }

    /// The first newline at or after `from` (memchr: scanning megabytes a byte at a time is slow in debug and
    /// sanitizer builds).
    static func firstNewline(in bytes: [UInt8], from: Int) -> Int? {
        guard from < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress, let hit = memchr(base + from, 0x0A, buf.count - from) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
    }

    /// The last newline before `before`.
    static func lastNewline(in bytes: [UInt8], before: Int) -> Int? {
        let end = min(before, bytes.count)
        guard end > 0 else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> Int? in
            var i = end - 1
            while i >= 0 {
                if buf[i] == 0x0A { return i }
                i -= 1
            }
            return nil
        }
    }

    /// Where complete lines end: just after the last newline before `limit` (a line still being written is left).
    func completeEnd(before limit: Int? = nil) -> Int {
        var pos = min(limit ?? size, size)
        while pos > 0 {
            let start = max(0, pos - Self.chunkSize)
            let chunk = read(at: start, count: pos - start)
            if let i = Self.lastNewline(in: chunk, before: chunk.count) { return start + i + 1 }
            pos = start
        }
        return 0
    }

    /// One line without its newline; `bytes` is nil when the line is longer than `maxLineLength`.
    struct Line {
        var offset: Int
        var bytes: ArraySlice<UInt8>?

        var isBlank: Bool { bytes?.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 } ?? false }
    }

    /// Complete lines newest first, from `end` (a line boundary) back to the start of the file.
    struct Backward {
        let file: AuditFile
        /// Bytes [bufferStart, bufferStart + buffer.count) of the file; the next line ends at `lineEnd` in it.
        private var buffer: [UInt8] = []
        private var bufferStart: Int
        private var lineEnd = 0
        /// Bytes read so far, for callers that stop after a budget.
        private(set) var bytesRead = 0
        /// Offset of the oldest line returned so far: where reading further back continues.
        private(set) var position: Int

        init(_ file: AuditFile, end: Int) {
            self.file = file
            bufferStart = end
            position = end
        }

        /// The next older line; nil at the start of the file (or when the file can no longer be read).
        mutating func next() -> Line? {
            if lineEnd == 0 {
                guard bufferStart > 0, fill() > 0 else { return nil }
            }
            // buffer[..<lineEnd] ends with the newline that ends the line to return.
            var contentEnd = buffer[lineEnd - 1] == 0x0A ? lineEnd - 1 : lineEnd
            var tooLong = false
            while true {
                if let nl = AuditFile.lastNewline(in: buffer, before: contentEnd) {
                    tooLong = tooLong || contentEnd - nl - 1 > AuditFile.maxLineLength
                    let line = Line(offset: bufferStart + nl + 1, bytes: tooLong ? nil : buffer[(nl + 1)..<contentEnd])
                    lineEnd = nl + 1
                    position = line.offset
                    return line
                }
                if bufferStart == 0 {
                    tooLong = tooLong || contentEnd > AuditFile.maxLineLength
                    let line = Line(offset: 0, bytes: tooLong ? nil : buffer[..<contentEnd])
                    lineEnd = 0
                    position = 0
                    return line
                }
                if contentEnd > AuditFile.maxLineLength {
                    // All of it belongs to one line too long to keep: forget it and look further back.
                    tooLong = true
                    buffer = []
                    lineEnd = 0
                    contentEnd = 0
                }
                let added = fill()
                guard added > 0 else { return nil }
                contentEnd += added
            }
        }

        /// Puts the chunk before the buffer in front of what is left of it; returns its size (0: nothing read).
        private mutating func fill() -> Int {
            let start = max(0, bufferStart - AuditFile.chunkSize)
            let chunk = file.read(at: start, count: bufferStart - start)
            guard chunk.count == bufferStart - start, !chunk.isEmpty else { return 0 }
            bytesRead += chunk.count
            buffer = chunk + buffer[..<lineEnd]
            lineEnd = buffer.count
            bufferStart = start
            return chunk.count
        }
    }

    /// Calls `body` with each complete line from `offset` up to `end` (a line boundary), oldest first, with its
    /// 1-based index from `offset`; stops when `body` returns false.
    func forEachLine(from offset: Int, to end: Int, _ body: (Int, Line) -> Bool) {
        var pos = offset
        var index = 0
        var pending: [UInt8] = []
        var pendingStart = offset
        var tooLong = false
        while pos < end {
            let chunk = read(at: pos, count: min(Self.chunkSize * 16, end - pos))
            if chunk.isEmpty { return }
            var lineStart = 0
            while let nl = Self.firstNewline(in: chunk, from: lineStart) {
                index += 1
                let line: Line
                if tooLong {
                    line = Line(offset: pendingStart, bytes: nil)
                } else if pending.isEmpty {
                    let fits = nl - lineStart <= Self.maxLineLength
                    line = Line(offset: pos + lineStart, bytes: fits ? chunk[lineStart..<nl] : nil)
                } else {
                    pending += chunk[lineStart..<nl]
                    line = Line(offset: pendingStart, bytes: pending.count > Self.maxLineLength ? nil : pending[...])
                }
                pending = []
                tooLong = false
                lineStart = nl + 1
                pendingStart = pos + lineStart
                if !body(index, line) { return }
            }
            if !tooLong {
                pending += chunk[lineStart...]
                if pending.count > Self.maxLineLength {
                    tooLong = true
                    pending = []
                }
            }
            pos += chunk.count
        }
    }
}

extension AuditLog {
    /// The entry a line holds, or what is wrong with it.
    static func entry(_ line: AuditFile.Line) -> Result<AuditEntry, AuditLineError> {
        guard let bytes = line.bytes else {
            return .failure(AuditLineError("line longer than \(AuditFile.maxLineLength / 1024 / 1024) MiB"))
        }
        return entry(bytes)
    }
}
