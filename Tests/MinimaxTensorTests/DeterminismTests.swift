import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Same inputs give the same bytes: run to run, and for any `Engine.threads`.
/// Serialized because it sets the engine-wide thread count (restored after each test).
@Suite(.serialized) struct DeterminismTests {
    /// Forward and backward of a small matmul network; returns every number it produced.
    static func trainingStepBytes(m: Int, k: Int, n: Int, seed: UInt64) -> [[Float]] {
        let x = GradientCheck.tensor([m, k], seed: seed)
        let w1 = GradientCheck.tensor([k, n], seed: seed + 1, scale: 0.1).requiringGrad()
        let w2 = GradientCheck.tensor([m, n], seed: seed + 2, scale: 0.1).requiringGrad()
        let hidden = x.matmul(w1).leakyReLU(0.2)                                      // [m, n]
        let mixed = Tensor.matmul(hidden, w2, transposeA: true, transposeB: false)   // [n, n]
        let back = Tensor.matmul(hidden, mixed, transposeA: false, transposeB: true) // [m, n]
        let loss = (back.tanh() * back).mean()
        let g = gradients(of: loss, wrt: [w1, w2])
        return [hidden.scalars, mixed.scalars, back.scalars, [loss.item], g[0].scalars, g[1].scalars]
    }

    static func withThreads<T>(_ threads: Int, _ body: () -> T) -> T {
        let saved = Engine.threads
        Engine.threads = threads
        defer { Engine.threads = saved }
        return body()
    }

    @Test func sameComputationTwiceGivesIdenticalBytes() {
        let first = Self.trainingStepBytes(m: 17, k: 9, n: 13, seed: 1)
        let second = Self.trainingStepBytes(m: 17, k: 9, n: 13, seed: 1)
        // Exact by construction: same inputs, same kernels, same order.
        #expect(first == second)
    }

    /// How many elements differ in their bit patterns (NaN-safe; a count, not a diff of huge arrays).
    static func differingBits(_ a: [Float], _ b: [Float]) -> Int {
        a.count != b.count ? Swift.max(a.count, b.count) : zip(a, b).reduce(0) { $0 + ($1.0.bitPattern == $1.1.bitPattern ? 0 : 1) }
    }

    /// (m, k, n): the 300×200·200×300, few rows and many columns (column bands),
    /// many rows and few columns, a size whose halves end inside a BLAS tile, one below the split
    /// threshold, and the toy workloads' 256³. Where OpenBLAS's sums do not depend on the cut
    /// (`OPENBLAS_CORETYPE=SkylakeX`), one thread makes one call per product where two threads
    /// make two bands: this test is what says that changes no bit.
    @Test(arguments: [(300, 200, 300), (7, 150, 301), (301, 64, 5), (200, 200, 32), (150, 120, 150), (16, 16, 16),
                      (256, 256, 256)])
    func threadCountDoesNotChangeABit(shape: (Int, Int, Int)) {
        let (m, k, n) = shape
        let one = Self.withThreads(1) { Self.trainingStepBytes(m: m, k: k, n: n, seed: 2) }
        #expect(one[3][0].isFinite)
        for threads in [2, 3] {
            let other = Self.withThreads(threads) { Self.trainingStepBytes(m: m, k: k, n: n, seed: 2) }
            for (i, (a, b)) in zip(one, other).enumerated() {
                #expect(Self.differingBits(a, b) == 0, "tensor \(i) for (m, k, n) = \(shape): 1 vs \(threads) threads")
            }
        }
    }

    /// A fill long enough to be split across threads draws the same numbers as one draw at a
    /// time, and leaves the stream at the same place.
    @Test func longNormalFillsAreTheSameOnAnyThreadCount() {
        var scalar = RandomStream(seed: 4, name: "noise")
        _ = scalar.nextUInt32()  // start mid-block
        let start = scalar
        let expected = (0..<5001).map { _ in scalar.normal(mean: 0.5, std: 2) }
        let after = scalar.nextUInt32()
        for threads in [1, 2, 3] {
            var stream = start
            let filled = Self.withThreads(threads) { stream.normalArray(count: 5001, mean: 0.5, std: 2) }
            #expect(Self.differingBits(filled, expected) == 0, "\(threads) threads")
            #expect(stream.nextUInt32() == after)
        }
    }

    @Test func batchedMatmulAcrossThreads() {
        let a = GradientCheck.tensor([3, 140, 50], seed: 5), b = GradientCheck.tensor([3, 60, 50], seed: 6)
        let f = { Tensor.matmul(a, b, transposeA: false, transposeB: true).scalars }
        #expect(Self.differingBits(Self.withThreads(1, f), Self.withThreads(2, f)) == 0)
    }
}
