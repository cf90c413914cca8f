import MinimaxTensor
import MinimaxTestSupport
import Testing

/// `Tensor.linear`, the fused x·Wᵀ + b of a fully connected layer.
@Suite struct TensorLinearTests {
    /// Fused for speed only: the same bits as the composition it replaces (same GEMM, then one
    /// rounding of the bias addition per element).
    @Test func matchesMatmulPlusBiasBitForBit() {
        let x = GradientCheck.tensor([37, 19], seed: 1), w = GradientCheck.tensor([23, 19], seed: 2)
        let b = GradientCheck.tensor([23], seed: 3)
        let fused = Tensor.linear(x, weight: w, bias: b)
        let composed = Tensor.matmul(x, w, transposeA: false, transposeB: true) + b
        #expect(fused.shape == [37, 23])
        #expect(fused.scalars.map(\.bitPattern) == composed.scalars.map(\.bitPattern))
        let noBias = Tensor.linear(x, weight: w)
        #expect(noBias.scalars == Tensor.matmul(x, w, transposeA: false, transposeB: true).scalars)
    }

    @Test func leadingDimensionsAreKept() {
        let x = GradientCheck.tensor([2, 3, 4], seed: 4), w = GradientCheck.tensor([5, 4], seed: 5)
        let y = Tensor.linear(x, weight: w, bias: Tensor.zeros([5]))
        #expect(y.shape == [2, 3, 5])
        let flat = Tensor.linear(x.reshaped([6, 4]), weight: w, bias: Tensor.zeros([5]))
        #expect(y.scalars == flat.scalars)
    }

    @Test func gradientsOfInputWeightAndBias() {
        let x = GradientCheck.tensor([4, 3], seed: 6), w = GradientCheck.tensor([5, 3], seed: 7)
        let b = GradientCheck.tensor([5], seed: 8)
        let result = GradientCheck.check([x, w, b]) { t in Tensor.linear(t[0], weight: t[1], bias: t[2]) }
        #expect(result.passed, "\(result)")
    }

    /// Second order through a smooth nonlinearity (a linear map alone has a zero Hessian).
    @Test func secondOrderGradients() {
        let x = GradientCheck.tensor([3, 4], seed: 9), w = GradientCheck.tensor([2, 4], seed: 10, scale: 0.5)
        let b = GradientCheck.tensor([2], seed: 11)
        let result = GradientCheck.checkSecondOrder([x, w, b]) { t in Tensor.linear(t[0], weight: t[1], bias: t[2]).tanh() }
        #expect(result.passed, "\(result)")
    }
}
