import CBLAS
import Dispatch

/// Single-precision matrix products on OpenBLAS, split across `Engine.threads` by us.
///
/// OpenBLAS itself runs single-threaded: each worker calls `cblas_sgemm` on a band of
/// output rows (or columns, when there are few rows). OpenBLAS computes every output
/// element with the same k-ordered accumulation whatever the band's size or offset, so the
/// result is bit-identical for any thread count (pinned by `DeterminismTests`).
///
/// Does our split beat OpenBLAS's own threading for small GEMMs like 256³? Measured with
/// `TensorBenchmarks.run()` (release; `MINIMAX_BENCH=1 swift test -c release --filter
/// TensorBenchmarksTests`) on a 2-vCPU Intel Xeon (family 6 model 207), OpenBLAS 0.3.21 forced to
/// its Cooperlake kernel, in GFLOP/s, range over five runs (each figure the best of its repeats):
///
/// | m = n = k | OpenBLAS 1 thread | OpenBLAS 2 threads | our split, 1 thread | our split, 2 threads |
/// | --- | --- | --- | --- | --- |
/// | 256 | 94 – 152 | 93 – 222 | 115 – 152 | 89 – 141 |
/// | 1024 | 71 – 125 | 60 – 109 | 61 – 119 | 58 – 117 |
///
/// Not decided on that machine: other builds kept its load average at 4 – 9 on 2 cores, so a
/// second thread never had a free core and run-to-run spread (±40%) exceeds any threading
/// effect; neither model gained reliably (OpenBLAS's 2 threads reached 222 once, 93 – 145
/// otherwise). On an idle 2-core Zen 4 (PLATFORM.md) OpenBLAS's threading gives nothing at
/// 256³ (~105 with 1 or 2 threads) and ~205 vs ~100 at 1024³. We keep our split because it is
/// what gives bit-identical results for every thread count and, idle, it can use the second
/// core at 256³ where OpenBLAS leaves it idle; re-run the benchmark on an idle machine to
/// settle the speed question with numbers.
/// Caveat found on the way: without `OPENBLAS_CORETYPE`, OpenBLAS 0.3.21 does not recognise
/// that CPU and picks its generic `Prescott` kernel (`Engine.blasCoreName`): about 20 GFLOP/s
/// at 256³ where the Cooperlake or SkylakeX kernel reaches ~150.
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
