// Mapping independent jobs on every core: the one place the readers spread their work over threads.
import Foundation

enum ParallelMap {
    /// `transform` of each index in `0..<count`, in index order, computed on every core when there are at least
    /// `threshold` jobs (fewer run here, in order). Each index is computed by one iteration only, so `transform`
    /// may touch state that belongs to its own index (a loader per pipeline) but nothing shared.
    static func map<Result>(
        count: Int, threshold: Int, order: [Int]? = nil, _ transform: (Int) -> Result
    ) -> [Result?] {
        guard count >= threshold else { return (0..<count).map { transform($0) } }
        let buffer = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        defer {
            buffer.deinitialize()
            buffer.deallocate()
        }
        nonisolated(unsafe) let out = buffer
        let sequence = order ?? Array(0..<count)
        withoutActuallyEscaping(transform) { escapable in
            nonisolated(unsafe) let work = escapable
            DispatchQueue.concurrentPerform(iterations: sequence.count) { i in
                let j = sequence[i]
                out[j] = work(j)
            }
        }
        return Array(buffer)
    }
}
