import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Matrix products: values against a naive triple loop, and gradient checks for every
/// transpose combination, batches, and a batch of matrices times one matrix.
@Suite struct TensorMatMulTests {
    /// C = A·B by definition, in Double (row-major [m, k] · [k, n]).
    static func naive(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k { s += Double(a[i * k + p]) * Double(b[p * n + j]) }
                c[i * n + j] = Float(s)
            }
        }
        return c
    }

    @Test func valuesMatchTheDefinition() {
        let a = GradientCheck.tensor([3, 4], seed: 1), b = GradientCheck.tensor([4, 5], seed: 2)
        let expected = Self.naive(a.scalars, b.scalars, m: 3, k: 4, n: 5)
        expectClose(a.matmul(b), Tensor(shape: [3, 5], scalars: expected))
        // The flags give the same product from stored transposes.
        let at = a.transposed(), bt = b.transposed()
        expectClose(Tensor.matmul(at, b, transposeA: true, transposeB: false), Tensor(shape: [3, 5], scalars: expected))
        expectClose(Tensor.matmul(a, bt, transposeA: false, transposeB: true), Tensor(shape: [3, 5], scalars: expected))
        expectClose(Tensor.matmul(at, bt, transposeA: true, transposeB: true), Tensor(shape: [3, 5], scalars: expected))
        // A batch times one matrix multiplies each matrix of the batch.
        let batch = GradientCheck.tensor([2, 3, 4], seed: 3)
        let product = batch.matmul(b)
        #expect(product.shape == [2, 3, 5])
        for i in 0..<2 {
            let slice = Array(batch.scalars[(i * 12)..<((i + 1) * 12)])
            expectClose(Array(product.scalars[(i * 15)..<((i + 1) * 15)]), Self.naive(slice, b.scalars, m: 3, k: 4, n: 5))
        }
    }

    @Test func gradients2D() {
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = GradientCheck.tensor(ta ? [4, 3] : [3, 4], seed: 1)
            let b = GradientCheck.tensor(tb ? [5, 4] : [4, 5], seed: 2)
            expectGradient([a, b], "transposeA \(ta) transposeB \(tb)") {
                Tensor.matmul($0[0], $0[1], transposeA: ta, transposeB: tb)
            }
        }
    }

    @Test func gradientsBatched() {
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = GradientCheck.tensor(ta ? [2, 4, 3] : [2, 3, 4], seed: 3)
            let b = GradientCheck.tensor(tb ? [2, 2, 4] : [2, 4, 2], seed: 4)
            expectGradient([a, b], "batched transposeA \(ta) transposeB \(tb)") {
                Tensor.matmul($0[0], $0[1], transposeA: ta, transposeB: tb)
            }
        }
    }

    @Test func gradientsRank3TimesRank2() {
        expectGradient([GradientCheck.tensor([2, 3, 4], seed: 5), GradientCheck.tensor([4, 2], seed: 6)]) { $0[0].matmul($0[1]) }
        expectGradient([GradientCheck.tensor([2, 3, 4], seed: 7), GradientCheck.tensor([2, 4], seed: 8)], "transposeB") {
            Tensor.matmul($0[0], $0[1], transposeA: false, transposeB: true)
        }
    }

    @Test func emptyInnerDimensionGivesZeros() {
        let a = Tensor.zeros([2, 0]), b = Tensor.zeros([0, 3])
        #expect(a.matmul(b).scalars == [Float](repeating: 0, count: 6))
    }
}
