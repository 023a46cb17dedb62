// The command line's one writer of standard output and error, sanitized.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The one writer of the command line's standard output and error. Every byte passes `Sanitize` (human text also
/// has long values cut; JSON is already escaped and is never cut), and a failed write (a full disk, /dev/full, a
/// closed descriptor) is remembered so the command fails instead of exiting 0 with its output lost.
public enum Console {
    public enum Stream: Sendable {
        case out, err

        var fd: Int32 { self == .out ? 1 : 2 }
        var name: String { self == .out ? "standard output" : "standard error" }
    }

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        /// Standard output is buffered (a long `log` is not one system call a line); standard error is not.
        var pending: [UInt8] = []
        var failure: (stream: Stream, error: Int32)?
    }

    private static let state: State = {
        // Whatever way the process ends (an exit() that does not come through here), buffered output is written.
        atexit { Console.flush() }
        return State()
    }()
    private static let bufferLimit = 65536

    /// Human text on standard output, then a newline.
    public static func out(_ text: String) { write(Sanitize.human(text) + "\n", to: .out) }

    /// Human text on standard error, then a newline.
    public static func err(_ text: String) { write(Sanitize.human(text) + "\n", to: .err) }

    /// Machine-read text (JSON) on standard output, then a newline: sanitized, never cut.
    public static func data(_ text: String) { write(Sanitize.text(text) + "\n", to: .out) }

    /// Text as it is (no newline added, nothing cut), sanitized: what `print` becomes on the command line.
    public static func plain(_ text: String, to stream: Stream = .out) { write(Sanitize.text(text), to: stream) }

    /// Writes already-sanitized text.
    static func write(_ text: String, to stream: Stream) {
        let s = state
        s.lock.lock()
        defer { s.lock.unlock() }
        if stream == .err { flushLocked() }
        if s.failure?.stream == stream { return }
        switch stream {
        case .out:
            s.pending += Array(text.utf8)
            if s.pending.count >= bufferLimit { flushLocked() }
        case .err:
            writeAll(Array(text.utf8), to: .err)
        }
    }

    /// Writes what standard output holds.
    public static func flush() {
        state.lock.lock()
        defer { state.lock.unlock() }
        flushLocked()
    }

    private static func flushLocked() {
        let bytes = state.pending
        state.pending = []
        if !bytes.isEmpty && state.failure?.stream != .out { writeAll(bytes, to: .out) }
    }

    private static func writeAll(_ bytes: [UInt8], to stream: Stream) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(stream.fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                if state.failure == nil { state.failure = (stream, n < 0 ? errno : EIO) }
                return
            }
            offset += n
        }
    }

    /// Whether a write has failed (without flushing: cheap enough to ask after every line).
    public static var hasFailed: Bool {
        state.lock.lock()
        defer { state.lock.unlock() }
        return state.failure != nil
    }

    /// Whether standard output's reader went away (a closed pipe, EPIPE): how a stream piped into `head` ends.
    public static var readerWentAway: Bool {
        state.lock.lock()
        defer { state.lock.unlock() }
        return state.failure?.stream == .out && state.failure?.error == EPIPE
    }

    /// The first failed write, as one line (nil when every write went through).
    public static var failureMessage: String? {
        flush()
        state.lock.lock()
        defer { state.lock.unlock() }
        guard let f = state.failure else { return nil }
        return "airlock: cannot write to \(f.stream.name): \(String(cString: strerror(f.error)))"
    }

    /// Set once a command's change is on disk: a failed write after that must not read as "nothing happened".
    nonisolated(unsafe) public static var recordedChange = false

    /// Ends the process: flushes, and turns a success into exit 1 (one line on standard error, if it still
    /// works) when a write failed.
    public static func exit(_ code: Int32) -> Never {
        if let message = failureMessage {
            let note = recordedChange ? " (the change is recorded: airlock log shows it)" : ""
            if state.failure?.stream == .out { write(message + note + "\n", to: .err) }
            Glibc.exit(code == 0 ? 1 : code)
        }
        Glibc.exit(code)
    }
}
