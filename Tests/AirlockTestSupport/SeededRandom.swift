// A random number generator that repeats from its seed, so a failing run can be replayed.
public struct SeededRandom: RandomNumberGenerator {
    public var state: UInt64

    /// A zero state would stay zero: it is replaced by a fixed odd constant.
    public init(state: UInt64) {
        self.state = state == 0 ? 0x9E37_79B9_7F4A_7C15 : state
    }

    /// xorshift64.
    public mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
