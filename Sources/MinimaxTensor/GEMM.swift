import CBLAS
import Dispatch

/// Single-precision matrix products on OpenBLAS, split across `Engine.threads` by us.
///
/// OpenBLAS itself runs single-threaded: each worker calls `cblas_sgemm` on a band of
/// output rows (or columns, when there are few rows). OpenBLAS computes every output
/// element with the same k-ordered accumulation whatever the band's size or offset, so the
/// result is bit-identical for any thread count (pinned by `DeterminismTests`).
enum GEMM {
    /// Work below this many multiply-adds stays on one thread: splitting costs more than it saves.
    static let parallelThreshold = 1 << 16

    /// C[m,n] = op(A)·op(B) where op transposes when asked; A, B row-major.
    static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
                         m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, accumulate: Bool = false) {
        guard m > 0 && n > 0 else { return }
        guard k > 0 else {
            if !accumulate { c.update(repeating: 0, count: m * n) }
            return
        }
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        Engine.pinBLASToOneThread
        let threads = Engine.threads
        let beta: Float = accumulate ? 1 : 0
        func band(rows: Range<Int>, cols: Range<Int>) {
            let aStart = transposeA ? a + rows.lowerBound : a + rows.lowerBound * lda
            let bStart = transposeB ? b + cols.lowerBound * ldb : b + cols.lowerBound
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(rows.count), Int32(cols.count), Int32(k), 1, aStart, Int32(lda), bStart, Int32(ldb),
                        beta, c + rows.lowerBound * n + cols.lowerBound, Int32(n))
        }
        if threads == 1 || m * n * k < parallelThreshold {
            band(rows: 0..<m, cols: 0..<n)
            return
        }
        if m >= n || m >= 4 * threads {
            let parts = Swift.min(threads, m)
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                band(rows: Parallel.chunk(p, of: parts, count: m), cols: 0..<n)
            }
        } else {
            let parts = Swift.min(threads, n)
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                band(rows: 0..<m, cols: Parallel.chunk(p, of: parts, count: n))
            }
        }
    }
}

/// Helpers for splitting work across `Engine.threads`.
enum Parallel {
    /// The p-th of `parts` contiguous, nearly equal chunks of 0..<count.
    static func chunk(_ p: Int, of parts: Int, count: Int) -> Range<Int> {
        let base = count / parts, extra = count % parts
        let start = p * base + Swift.min(p, extra)
        return start..<(start + base + (p < extra ? 1 : 0))
    }
}
