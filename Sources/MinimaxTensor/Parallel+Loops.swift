import Dispatch

extension Parallel {
    /// Loops touching fewer elements than this stay on one thread: a dispatch costs more
    /// (see `Kernels.parallelElements`).
    static let loopThreshold = 1 << 14

    /// Runs `body` on contiguous chunks of 0..<count, on up to `Engine.threads` threads when
    /// `work` (elements touched) is large. Callers give each index its own output elements,
    /// so results never depend on the split.
    static func forChunks(of count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        let parts = Swift.min(Engine.threads, count)
        guard parts > 1 && work >= loopThreshold else {
            if count > 0 { body(0..<count) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            body(chunk(p, of: parts, count: count))
        }
    }
}
