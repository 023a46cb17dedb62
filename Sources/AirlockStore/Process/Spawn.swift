// Starting a program with posix_spawn in its own process group, signals at their defaults.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts a program with posix_spawn: its own process group, an empty signal mask, every signal at its default
/// action, standard input from /dev/null, no descriptor of ours beyond 0-2, in a given folder. (Foundation's
/// Process cannot set the mask, the dispositions or the group.)
enum Spawner {
    enum Result {
        case success(pid_t)
        case failure(String)
    }

    // glibc exports these only under _GNU_SOURCE, which the Swift module does not define: look them up once.
    private typealias Actions = UnsafeMutablePointer<posix_spawn_file_actions_t>
    private typealias AddChdir = @convention(c) (Actions, UnsafePointer<CChar>) -> Int32
    private typealias AddClosefrom = @convention(c) (Actions, Int32) -> Int32
    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

    private struct Symbols: @unchecked Sendable {
        var addChdir: AddChdir?
        var addClosefrom: AddClosefrom?
        var prctl: Prctl?
    }

    private static let symbols: Symbols = {
        let handle = dlopen(nil, RTLD_NOW)
        func find<T>(_ name: String, _: T.Type) -> T? {
            guard let sym = dlsym(handle, name) else { return nil }
            return unsafeBitCast(sym, to: T.self)
        }
        return Symbols(
            addChdir: find("posix_spawn_file_actions_addchdir_np", AddChdir.self),
            addClosefrom: find("posix_spawn_file_actions_addclosefrom_np", AddClosefrom.self),
            prctl: find("prctl", Prctl.self))
    }()

    /// Makes this process the reaper of its descendants' orphans (Linux PR_SET_CHILD_SUBREAPER), so what a program
    /// leaves behind in its group comes back to us to be stopped and reaped, whatever init does with zombies.
    private static let subreaper: Bool = {
        guard let prctl = symbols.prctl else { return false }
        return prctl(36, 1, 0, 0, 0) == 0
    }()

    static func spawn(
        _ argv: [String], directory: String, environment: [String: String], output: Subprocess.OutputMode,
        outFD: Int32?, errFD: Int32?
    ) -> Result {
        guard let program = argv.first, !program.isEmpty else { return .failure("empty command") }
        guard let addChdir = symbols.addChdir else {
            return .failure("this C library cannot start a program in a folder")
        }
        _ = subreaper

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch output {
        case .capture, .relay:
            if let outFD { posix_spawn_file_actions_adddup2(&actions, outFD, 1) }
            if let errFD { posix_spawn_file_actions_adddup2(&actions, errFD, 2) }
        case .discard:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        if let addClosefrom = symbols.addClosefrom { _ = addClosefrom(&actions, 3) }
        guard addChdir(&actions, directory) == 0 else { return .failure("cannot use the folder \(directory)") }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArgv { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, program, &actions, &attr, cArgv, cEnv)
        guard rc == 0 else { return .failure(String(cString: strerror(rc))) }
        return .success(pid)
    }
}
