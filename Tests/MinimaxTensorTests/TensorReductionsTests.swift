import Foundation
import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Reductions over various axes, with and without keepDims.
@Suite struct TensorReductionsTests {
    let x = GradientCheck.tensor([2, 3, 4], seed: 21)
    /// Distinct values 0.08 apart: ε = 1e-2 steps never change which element is the maximum.
    let separated = Tensor(shape: [2, 3, 4], scalars: (0..<24).map { Float(($0 * 7) % 24) * 0.08 - 0.96 })
    static let axesCases: [[Int]?] = [nil, [0], [1], [2], [-1], [0, 2], [1, 2], [0, 1, 2]]

    @Test func forwardValues() {
        let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t.sum().item == 21)
        #expect(t.sum(axis: 0).scalars == [5, 7, 9])
        #expect(t.sum(axis: 1, keepDims: true).shape == [2, 1])
        #expect(t.mean(axis: 1).scalars == [2, 5])
        #expect(t.max(axis: 0).scalars == [4, 5, 6])
        #expect(t.max().item == 6)
        // Population variance of [1, 2, 3] is 2/3; unbiased is 1.
        expectClose(t.variance(axes: [1]), Tensor([2.0 / 3, 2.0 / 3]))
        expectClose(t.variance(axes: [1], unbiased: true), Tensor([1, 1]))
        expectClose(t.logsumexp(axes: [1]), Tensor([Float(Foundation.log(exp(1.0) + exp(2.0) + exp(3.0))),
                                                    Float(Foundation.log(exp(4.0) + exp(5.0) + exp(6.0)))]))
        // Shifted by the maximum: no overflow at 1000, and −∞ rows stay −∞ instead of NaN.
        expectClose(Tensor([1000, 1000]).logsumexp(), Tensor(1000 + Float(Foundation.log(2.0))))
        #expect(Tensor([-.infinity, -.infinity]).logsumexp().item == -.infinity)
    }

    @Test(arguments: axesCases)
    func gradientsOverAxes(axes: [Int]?) {
        for keepDims in [false, true] {
            let label = "axes \(axes.map { "\($0)" } ?? "nil") keepDims \(keepDims)"
            expectGradient([x], "sum " + label) { $0[0].sum(axes: axes, keepDims: keepDims) }
            expectGradient([x], "mean " + label) { $0[0].mean(axes: axes, keepDims: keepDims) }
            expectGradient([separated], "max " + label) { $0[0].max(axes: axes, keepDims: keepDims) }
            expectGradient([x * 2], "logsumexp " + label) { $0[0].logsumexp(axes: axes, keepDims: keepDims) }
            expectGradient([x], "variance " + label) { $0[0].variance(axes: axes, keepDims: keepDims) }
        }
    }

    @Test func unbiasedVarianceGradient() {
        expectGradient([x], "over 1") { $0[0].variance(axes: [1], unbiased: true) }
        expectGradient([x], "over all") { $0[0].variance(unbiased: true) }
    }

    @Test func maxTiesShareTheGradient() {
        // Row 0 has the max 3 twice, row 1 has 2 three times: like torch.amax, each tie gets 1/count.
        let t = Tensor(shape: [2, 4], scalars: [1, 3, 3, 0, 2, -1, 2, 2])
        let g = gradientOfSum(t, { $0.max(axes: [1]) })
        expectClose(g, Tensor(shape: [2, 4], scalars: [0, 0.5, 0.5, 0, 1.0 / 3, 0, 1.0 / 3, 1.0 / 3]))
        #expect(gradientOfSum(Tensor([5, 5]), { $0.max() }).scalars == [0.5, 0.5])
    }

    @Test func scalarAndEmptyAxes() {
        let s = Tensor(3).requiringGrad()
        #expect(s.sum().item == 3 && s.mean().item == 3)
        #expect(gradients(of: s.mean(), wrt: [s])[0].item == 1)
        let t = Tensor([1, 2])
        #expect(t.sum(axes: []).scalars == [1, 2])
    }
}
