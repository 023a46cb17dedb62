// A program's output read without blocking: kept whole, or relayed line by line through the sanitizer.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Output of a program, read without blocking so a leftover holding the pipe cannot stall the runner: kept whole
/// (`capture`), or relayed to one of our streams line by line as it arrives, holding at most a partial line.
struct CaptureReader {
    let fd: Int32
    /// Where relayed output goes (nil: it is captured).
    let relay: Console.Stream?
    /// Captured: everything read. Relayed: the partial line not yet written.
    var bytes: [UInt8] = []
    var open = true
    /// When the partial line started waiting for its newline.
    var partialSince: Date?
    /// Relayed: the last byte written was not a newline (the end adds one, so our own next line starts clean).
    var midLine = false

    /// Read per call at most, so a program that never stops writing cannot keep the runner from its time limit.
    static let readLimit = 1 << 20
    /// A relayed line longer than this is written in pieces (memory stays bounded whatever the program writes).
    static let lineLimit = 4096
    /// A partial line is written after this long without its newline (a prompt, a progress dot).
    static let partialDelay: TimeInterval = 0.1
    /// How long output is still read after the program's group has ended.
    static let drainTime: TimeInterval = 0.2

    init(fd: Int32, relay: Console.Stream? = nil) {
        self.fd = fd
        self.relay = relay
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Reads what is there now (up to `readLimit`).
    mutating func drain() {
        var buf = [UInt8](repeating: 0, count: 65536)
        var total = 0
        while open && total < Self.readLimit {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                take(buf[0..<n])
                total += n
                continue
            }
            if n == 0 { open = false }
            if n < 0 && errno == EINTR { continue }
            break
        }
        flushPartial(force: false)
    }

    private mutating func take(_ chunk: ArraySlice<UInt8>) {
        bytes += chunk
        guard relay != nil else { return }
        if let newline = bytes.lastIndex(of: 0x0A) { emit(newline + 1) }
        while bytes.count >= Self.lineLimit { emit(Self.wholeCharacters(bytes, upTo: Self.lineLimit)) }
        if bytes.isEmpty { partialSince = nil } else if partialSince == nil { partialSince = Date() }
    }

    /// Relayed: writes the partial line once it has waited `partialDelay`, or now when `force`d (the end).
    mutating func flushPartial(force: Bool) {
        guard let stream = relay else { return }
        if force {
            emit(bytes.count)
            if midLine {
                Console.plain("\n", to: stream)
                midLine = false
            }
            return
        }
        guard !bytes.isEmpty else { return }
        guard let since = partialSince, Date().timeIntervalSince(since) >= Self.partialDelay else { return }
        emit(Self.wholeCharacters(bytes, upTo: bytes.count))
        partialSince = bytes.isEmpty ? nil : Date()
    }

    /// Writes the first `count` bytes through the sanitizing console and keeps the rest.
    private mutating func emit(_ count: Int) {
        guard let stream = relay, count > 0 else { return }
        Console.plain(String(decoding: bytes[0..<count], as: UTF8.self), to: stream)
        if stream == .out { Console.flush() }
        midLine = bytes[count - 1] != 0x0A
        bytes.removeFirst(count)
    }

    /// `count`, or less so the cut does not split a UTF-8 sequence (which would turn one character into two
    /// replacement characters).
    static func wholeCharacters(_ bytes: [UInt8], upTo count: Int) -> Int {
        var lead = count
        while lead > 0 && count - lead < 3 && (bytes[lead - 1] & 0xC0) == 0x80 { lead -= 1 }
        guard lead > 0 else { return count }
        let first = bytes[lead - 1]
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        return count - (lead - 1) < length ? lead - 1 : count
    }

    /// Waits up to `milliseconds` for output (a plain pause when nothing is read), then reads it.
    static func wait(_ readers: inout [CaptureReader], milliseconds: Int32) {
        var fds = readers.filter(\.open).map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        _ = poll(&fds, nfds_t(fds.count), milliseconds)
        for i in readers.indices {
            if readers[i].open { readers[i].drain() } else { readers[i].flushPartial(force: false) }
        }
    }
}
