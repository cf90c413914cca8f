import CBLAS

/// Single-precision matrix products on OpenBLAS, split across `Engine.threads` by us.
///
/// OpenBLAS itself runs single-threaded: a large product is cut into bands of output rows
/// (or columns, when there are fewer rows than columns), one `cblas_sgemm` call per band,
/// and the bands are shared among the workers. The cut depends only on the shape, never on
/// `Engine.threads`: OpenBLAS does not compute a band's elements exactly as it computes the
/// same elements of the whole product (a tile cut short at the band's edge, or a band small
/// enough for its small-matrix kernels, sums in another order), so a thread-dependent cut
/// would change the last bits. With a fixed cut the result is bit-identical for any thread
/// count (pinned by `DeterminismTests`). One exception: where this process has seen OpenBLAS
/// sum every element in k order wherever it lies (`DirectConvolution.cutFreeSums`, the
/// SkylakeX kernel) and every band is past the small-matrix path, one thread makes one call
/// for the whole product, with the same bits.
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
    /// Work below this many multiply-adds is one call on one thread: splitting costs more than it saves.
    static let parallelThreshold = 1 << 16
    /// Most bands per large product: two, for the two-core machines the course targets. The
    /// fixed cut has a price on one thread, where the bands run in turn and each re-packs the
    /// shared operand: measured with OpenBLAS 0.3.21 (Cooperlake kernel, one thread, best of 15),
    /// two bands took 1.07x (512·784·128) to 1.33x (64·256·256) the time of one call, four
    /// bands 1.2x to 1.8x. Determinism across thread counts is worth that; the speed-up on two
    /// threads must be measured on an idle machine (`minimax bench`).
    static let maxBands = 2
    /// No band is narrower than this many rows or columns.
    static let minBandWidth = 32

    /// Bands with at least this many multiply-adds clear C themselves and ask OpenBLAS for
    /// C += A·B (β = 1) instead of C = A·B (β = 0). With β = 0 OpenBLAS first clears C with its
    /// `sgemm_beta` kernel: 4.1% of a one-thread DCGAN-MNIST iteration (perf, SkylakeX kernel,
    /// Zen 5; 6% on two threads), where clearing the same bands with memset takes 1.8%. With
    /// β = 1 OpenBLAS skips that pass and runs the same kernels, which add the product to C
    /// either way, so the bits do not change (`Benchmarks/check_identity.sh`). Kept far above
    /// OpenBLAS's small-matrix path (m·n·k ≤ 100³), whose β = 0 kernel writes C without reading it.
    static let zeroedProductWork = 1 << 24

    /// C[m,n] = op(A)·op(B) where op transposes when asked; A, B row-major.
    ///
    /// `epilogue(rows, cols)`, when given, runs on each band of C right after that band is
    /// computed, on the same thread, while the band is still in cache: a caller's elementwise
    /// finish (a bias added, a transpose) then costs no extra pass over C and is split like the
    /// product. It must touch only that band's elements (or outputs derived from them alone).
    static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
                         m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, accumulate: Bool = false,
                         epilogue: ((_ rows: Range<Int>, _ cols: Range<Int>) -> Void)? = nil) {
        guard m > 0 && n > 0 else { return }
        guard k > 0 else {
            if !accumulate { c.update(repeating: 0, count: m * n) }
            epilogue?(0..<m, 0..<n)
            return
        }
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        Engine.pinBLASToOneThread
        let threads = Engine.threads
        let beta: Float = accumulate ? 1 : 0
        func band(rows: Range<Int>, cols: Range<Int>) {
            let aStart = transposeA ? a + rows.lowerBound : a + rows.lowerBound * lda
            let bStart = transposeB ? b + cols.lowerBound * ldb : b + cols.lowerBound
            let cStart = c + rows.lowerBound * n + cols.lowerBound
            var bandBeta = beta
            if !accumulate && rows.count * cols.count * k >= zeroedProductWork {
                for r in 0..<rows.count { (cStart + r * n).update(repeating: 0, count: cols.count) }
                bandBeta = 1
            }
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(rows.count), Int32(cols.count), Int32(k), 1, aStart, Int32(lda), bStart, Int32(ldb),
                        bandBeta, cStart, Int32(n))
            epilogue?(rows, cols)
        }
        let (bands, splitRows) = bandCut(m: m, n: n, k: k)
        // One thread, and OpenBLAS's sums known not to depend on the cut: one call, instead of
        // the bands in turn, each packing the shared operand again (256³: 5–8% slower).
        if threads == 1 && bands > 1 && DirectConvolution.offSmallMatrixPath(m: m, n: n, k: k)
            && DirectConvolution.cutFreeSums {
            band(rows: 0..<m, cols: 0..<n)
            return
        }
        let width = splitRows ? m : n
        func run(_ b: Int) {
            let part = Parallel.chunk(b, of: bands, count: width)
            if splitRows { band(rows: part, cols: 0..<n) } else { band(rows: 0..<m, cols: part) }
        }
        let workers = Swift.min(threads, bands)
        if workers == 1 {
            for b in 0..<bands { run(b) }
            return
        }
        Parallel.run(parts: workers) { w in
            for b in Parallel.chunk(w, of: workers, count: bands) { run(b) }
        }
    }
}

extension GEMM {
    /// How `multiply` cuts a product into bands: how many (a power of two, so workers share
    /// them evenly), and whether along rows (else columns). Depends on the shape alone.
    static func bandCut(m: Int, n: Int, k: Int) -> (bands: Int, splitRows: Bool) {
        let splitRows = m >= n
        let width = splitRows ? m : n
        var bands = 1
        if m * n * k >= parallelThreshold {
            while bands < maxBands && width >= 2 * bands * minBandWidth { bands *= 2 }
        }
        return (bands, splitRows)
    }

    /// Multiply-adds of the smallest `cblas_sgemm` call `multiply` makes for this shape.
    static func smallestBandWork(m: Int, n: Int, k: Int) -> Int {
        let (bands, splitRows) = bandCut(m: m, n: n, k: k)
        let narrowest = (splitRows ? m : n) / bands
        return (splitRows ? narrowest * n : m * narrowest) * k
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
