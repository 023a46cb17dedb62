// The signals that ask a command to end while its hook runs: remembered, so the hook is stopped first.

#if canImport(Glibc)
    import Glibc
#endif

/// The signal that asked the command to end while a hook ran (0: none). Written only by the handler.
nonisolated(unsafe) private var caughtSignal: sig_atomic_t = 0

/// While a hook runs, INT, TERM, HUP and QUIT are remembered instead of ending the command at once, so the
/// hook's process group is stopped first and no hook is left running without its command.
enum StopSignals {
    static func catchThem() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            _ = signal(sig) { caughtSignal = $0 }
        }
    }

    static var caught: Int32 { caughtSignal }

    static func name(_ sig: Int32) -> String {
        switch sig {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        case SIGQUIT: return "SIGQUIT"
        default: return "signal \(sig)"
        }
    }
}
