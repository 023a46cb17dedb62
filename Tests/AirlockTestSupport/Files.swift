// Looking at a folder from a test: every entry's kind and bytes, printable text, shell commands.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Every entry below `path`, links not followed: its kind, and the bytes of a regular file or a link's target.
/// Reads nothing that could block (FIFOs, devices and sockets are recorded by kind only).
public func treeState(_ path: String, skipping: Set<String> = [".airlock.lock"]) -> [String: String] {
    var out: [String: String] = [:]
    func walk(_ rel: String) {
        let full = rel.isEmpty ? path : path + "/" + rel
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
        for name in names {
            let childRel = rel.isEmpty ? name : rel + "/" + name
            if skipping.contains(childRel) { continue }
            var st = stat()
            guard lstat(path + "/" + childRel, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                out[childRel] = "dir"
                walk(childRel)
            case S_IFREG:
                let bytes = FileManager.default.contents(atPath: path + "/" + childRel) ?? Data()
                out[childRel] = "file " + bytes.base64EncodedString()
            case S_IFLNK:
                let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path + "/" + childRel)
                out[childRel] = "link " + (target ?? "?")
            default:
                out[childRel] = "special \(st.st_mode & S_IFMT)"
            }
        }
    }
    walk("")
    return out
}

/// True when `s` holds no C0 or C1 control character other than newline and tab.
public func isPrintable(_ s: String) -> Bool {
    s.unicodeScalars.allSatisfy { u in
        let v = u.value
        return v == 0x0A || v == 0x09 || !(v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v))
    }
}

/// Runs a shell command line; true when it exits 0.
@discardableResult
public func sh(_ command: String, in dir: String? = nil) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    if let dir { p.currentDirectoryURL = URL(fileURLWithPath: dir) }
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
}

/// Runs a shell command line and returns its standard output.
public func shOutput(_ command: String, in dir: String) -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return "" }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Temporary files a write left behind in the root.
public func leftovers(_ root: String) -> [String] {
    treeState(root).keys.filter { $0.contains(".tmp.") }.sorted()
}

/// Writes `bytes` to `path` through a descriptor closed on exec. Tests run side by side and start processes; a
/// child that inherited a write descriptor to a script makes running that script fail with "Text file busy".
@discardableResult
public func writeClosingOnExec(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
        let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        written += n
    }
    return true
}

/// An executable script at `path` (a hook), written as `writeClosingOnExec` does.
public func writeScript(_ text: String, to path: String) {
    writeClosingOnExec(Array(text.utf8), to: path, mode: 0o755)
    chmod(path, 0o755)
}
