// Quitting while a hook runs: ask whether to wait for it or stop it, and when to leave.

/// Quitting while a hook runs: the dashboard asks whether to wait for the hook or stop it, instead of leaving it
/// running without anyone to see how it ends. Pure, so its answers are tested without a terminal.
struct QuitGuard: Equatable {
    enum Phase: Equatable {
        /// Nothing asked.
        case idle
        /// The question is on screen.
        case asking
        /// Leave as soon as the hook ends.
        case waiting
        /// The hook's group was told to stop; leave when it has.
        case stopping
    }

    enum Decision: Equatable {
        /// Nothing to do but redraw.
        case stay
        /// Leave now.
        case leave
        /// Stop the hook's group, then leave when it has ended.
        case stopHook
    }

    var phase = Phase.idle

    /// q, Ctrl-C or Ctrl-\ was pressed.
    mutating func quitRequested(hookRunning: Bool) -> Decision {
        guard hookRunning else { return .leave }
        switch phase {
        case .idle:
            phase = .asking
            return .stay
        case .asking, .waiting:
            // Asked twice: the person means it.
            phase = .stopping
            return .stopHook
        case .stopping:
            return .stay
        }
    }

    /// A key while the question is on screen; nil when the question is not shown (the key is the dashboard's).
    mutating func key(_ key: Key) -> Decision? {
        guard phase == .asking else { return nil }
        switch key {
        case .char("w"), .char("W"), .enter:
            phase = .waiting
        case .char("s"), .char("S"):
            phase = .stopping
            return .stopHook
        case .esc, .char("n"), .char("N"):
            phase = .idle
        default:
            break
        }
        return .stay
    }

    /// The hook ended: leave if quitting was asked for (the question has nothing left to ask).
    mutating func hookEnded() -> Decision {
        phase == .idle ? .stay : .leave
    }
}
