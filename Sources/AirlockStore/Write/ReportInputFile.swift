// Reading a file a report or release is given (`--json FILE|-`, `--notes-file FILE|-`): a regular file or
// standard input, never through a link, never waiting on a FIFO, never unbounded.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

public enum ReportInputFile {
    /// The most a given file may hold.
    public static let limit = 1 << 20

    /// The bytes of `path` (`-`: standard input), as UTF-8 text; bad input naming `option` otherwise.
    public static func read(_ path: String, option: String) throws(OperationError) -> [UInt8] {
        let shown = "\(option) \(Sanitize.value(path))"
        let fd: Int32
        if path == "-" {
            fd = STDIN_FILENO
        } else {
            fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else {
                let code = errno
                if code == ELOOP {
                    throw OperationError(.badInput, "\(shown): is a symbolic link; give the file itself")
                }
                throw OperationError(.badInput, "\(shown): cannot be read: \(SafeOpen.errorText(code))")
            }
            var st = stat()
            guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
                let kind = StatusFileReader.kindName(st.st_mode)
                close(fd)
                throw OperationError(.badInput, "\(shown): not a regular file (\(kind))")
            }
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else {
                throw OperationError(.badInput, "\(shown): cannot be read: \(SafeOpen.errorText(errno))")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit {
                throw OperationError(.badInput, "\(shown): larger than the \(limit / 1024 / 1024) MiB limit")
            }
        }
        guard String(validating: out, as: UTF8.self) != nil else {
            throw OperationError(.badInput, "\(shown): not UTF-8 text")
        }
        return out
    }
}
