import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with an argv (never a shell): git, and the pipeline's hooks.
public enum Subprocess {
    public enum OutputMode: Sendable {
        /// Collected and returned.
        case capture
        /// The caller's own standard output and error.
        case inherit
        /// Thrown away (the dashboard owns the terminal).
        case discard
    }

    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
        /// Set when the program was killed by a signal (`status` is then the signal number).
        public var signaled: Bool
        public var ok: Bool { status == 0 && !timedOut && !signaled }
    }

    /// Runs `argv` (the program found on PATH, or by its path relative to `directory`) in `directory`.
    public static func run(_ argv: [String], in directory: String, environment: [String: String] = [:],
                           removing: [String] = [], output: OutputMode = .capture, timeout: TimeInterval? = nil) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        for k in removing { env[k] = nil }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        switch output {
        case .capture:
            process.standardOutput = out
            process.standardError = err
        case .discard:
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        case .inherit:
            break
        }
        do {
            try process.run()
        } catch {
            return Output(status: 127, stdout: "", stderr: "\(argv.first ?? "?") could not start: \(error.localizedDescription)",
                          timedOut: false, signaled: false)
        }
        // Read both pipes while the process runs, so a chatty one cannot fill a pipe and stall.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        if case .capture = output {
            DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
            DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        }
        var timedOut = false
        if let timeout {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning {
                if Date() > deadline {
                    timedOut = true
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
                usleep(2000)
            }
        }
        process.waitUntilExit()
        group.wait()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), timedOut: timedOut,
                      signaled: process.terminationReason == .uncaughtSignal && !timedOut)
    }
}
