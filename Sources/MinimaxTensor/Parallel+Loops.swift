extension Parallel {
    /// Runs `body(0)` ... `body(parts - 1)`, in parallel on the engine's worker pool.
    static func run(parts: Int, _ body: (Int) -> Void) {
        WorkerPool.shared.run(parts: parts, body)
    }

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
        run(parts: parts) { p in
            body(chunk(p, of: parts, count: count))
        }
    }
}

extension Engine {
    /// Runs `body` on contiguous chunks of 0..<count, on up to `Engine.threads` threads when
    /// `count` is large enough to be worth a dispatch (the elementwise ops' threshold), else
    /// once on the calling thread. For elementwise loops outside this module (an optimizer's
    /// update): `body` must write only the elements of its own chunk, so results never depend
    /// on the split.
    public static func forEachChunk(of count: Int, _ body: (Range<Int>) -> Void) {
        Kernels.forElements(count, body)
    }
}
