import MinimaxTensor
import MinimaxTestSupport
import Testing

/// The fused pairwise L1 distances (minibatch discrimination's hot spot) against the broadcast
/// formula, plus first- and second-order gradient checks.
@Suite struct PairwiseL1Tests {
    /// [C = 2, N = 5] with every pair of entries in a row at least 0.15 apart, so the checks'
    /// ±0.01 steps never cross a kink of |x_ci − x_cj|.
    static let separated = Tensor(shape: [2, 5], scalars: [0.1, 0.9, -0.5, 0.35, -0.8,
                                                            0.6, -0.3, 0.2, -0.9, 0.75])

    /// The same distances built from broadcasting primitives.
    static func broadcastDistances(_ x: Tensor) -> Tensor {
        let (c, n) = (x.shape[0], x.shape[1])
        return (x.reshaped([c, n, 1]) - x.reshaped([c, 1, n])).abs().sum(axis: 0)
    }

    @Test func distancesOfAHandMadeSet() {
        // Columns (0, 0), (1, 2), (3, 6): L1 distances 3, 9 and 6.
        let x = Tensor(shape: [2, 3], scalars: [0, 1, 3, 0, 2, 6])
        #expect(x.pairwiseL1Distances().shape == [3, 3])
        #expect(x.pairwiseL1Distances().scalars == [0, 3, 9, 3, 0, 6, 9, 6, 0])
    }

    @Test func valuesAndGradientsMatchTheBroadcastFormula() {
        let x = GradientCheck.tensor([3, 7], seed: 21)
        expectClose(x.pairwiseL1Distances(), Self.broadcastDistances(x))
        // The same weighted loss through both: identical gradients (ties aside, there are none).
        let weights = GradientCheck.tensor([7, 7], seed: 22)
        let fused = gradientOfSum(x) { $0.pairwiseL1Distances() * weights }
        let broadcast = gradientOfSum(x) { Self.broadcastDistances($0) * weights }
        expectClose(fused, broadcast, relative: 1e-5, absolute: 1e-5)
    }

    @Test func firstOrder() {
        expectGradient([Self.separated], "pairwiseL1Distances") { $0[0].pairwiseL1Distances() }
        // Minibatch discrimination's use: Σ_j exp(−D_ij).
        expectGradient([Self.separated], "exp(-D) row sums") { (-$0[0].pairwiseL1Distances()).exp().sum(axis: 1) }
        expectGradient([GradientCheck.tensor([5, 5], seed: 23)], "signedPairSum in its weights") {
            Tensor.signedPairSum(Self.separated, weights: $0[0])
        }
    }

    @Test func secondOrder() {
        // D is piecewise linear in x, so the Hessian comes from exp: it exercises the pullback
        // of signedPairSum (signedPairOuter) and that pullback's own pullback.
        expectSecondOrder([Self.separated], "exp(-D)") { (-$0[0].pairwiseL1Distances()).exp() }
        expectSecondOrder([GradientCheck.tensor([5, 5], seed: 24)], "signedPairSum · weights") {
            Tensor.signedPairSum(Self.separated, weights: $0[0]) * Tensor.signedPairSum(Self.separated, weights: $0[0])
        }
    }
}
