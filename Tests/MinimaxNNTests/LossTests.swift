import Foundation
import MinimaxNN
import MinimaxTensor
import MinimaxTestSupport
import Testing

@Suite struct LossTests {
    @Test func binaryCrossEntropyValuesAndStability() {
        // −[y log σ(x) + (1−y) log(1−σ(x))] at x = 0 is log 2 for any y.
        #expect(abs(Loss.binaryCrossEntropy(logits: Tensor([0, 0]), targets: Tensor([1, 0])).item - Float(M_LN2)) < 1e-6)
        // x = 100, y = 0: softplus(100) = 100 (a naive log(1 − σ) would give inf); y = 1: ≈ e^−100 ≈ 0.
        #expect(abs(Loss.binaryCrossEntropy(logits: Tensor([100]), target: 0).item - 100) < 1e-4)
        #expect(Loss.binaryCrossEntropy(logits: Tensor([100]), target: 1).item < 1e-6)
        #expect(abs(Loss.binaryCrossEntropy(logits: Tensor([-100]), target: 1).item - 100) < 1e-4)
    }

    @Test func regressionLosses() {
        #expect(abs(Loss.meanSquaredError(Tensor([1, 2, 3]), Tensor([1, 0, 0])).item - 13.0 / 3) < 1e-6)
        #expect(abs(Loss.l1(Tensor([1, 2, 3]), Tensor([1, 0, 0])).item - 5.0 / 3) < 1e-6)
        // max(0, 1 − t·s): s = 0.5, t = 1 → 0.5; s = −2, t = −1 → 0; s = 0.5, t = −1 → 1.5.
        #expect(abs(Loss.hinge(scores: Tensor([0.5, -2, 0.5]), targets: Tensor([1, -1, -1])).item - 2.0 / 3) < 1e-6)
    }

    @Test func crossEntropyUsesLogSumExp() {
        let logits = Tensor(shape: [2, 3], scalars: [1, 2, 3, 1000, 0, 0])
        let loss = Loss.crossEntropy(logits: logits, labels: [2, 0]).item
        // Row 0: log(e + e² + e³) − 3; row 1: ≈ 0 (no overflow at 1000).
        let row0 = Foundation.log(Foundation.exp(1.0) + Foundation.exp(2.0) + Foundation.exp(3.0)) - 3
        #expect(abs(Double(loss) - row0 / 2) < 1e-6)
    }

    @Test func gradientsOfEveryLoss() {
        let x = GradientCheck.tensor([4, 3], seed: 1, scale: 2)
        let y = GradientCheck.tensor([4, 3], seed: 2, scale: 0.5, offset: 0.5)   // targets in [0, 1]
        let signs = Tensor(shape: [4, 3], scalars: GradientCheck.values(12, seed: 3).map { $0 < 0 ? -1 : 1 })
        let checks: [(String, GradientCheck.Result)] = [
            ("bce", GradientCheck.check([x, y]) { Loss.binaryCrossEntropy(logits: $0[0], targets: $0[1]) }),
            ("mse", GradientCheck.check([x, y]) { Loss.meanSquaredError($0[0], $0[1]) }),
            ("l1", GradientCheck.check([x, y]) { Loss.l1($0[0], $0[1]) }),
            ("cross entropy", GradientCheck.check([x]) { Loss.crossEntropy(logits: $0[0], labels: [0, 2, 1, 2]) }),
            // Scores in [−2, 2) times ±1: keep 1 − t·s away from the hinge kink at 0 within ε.
            ("hinge", GradientCheck.check([x * 0.3]) { Loss.hinge(scores: $0[0], targets: signs) }),
        ]
        for (name, result) in checks { #expect(result.passed, "\(name): \(result)") }
    }
}
