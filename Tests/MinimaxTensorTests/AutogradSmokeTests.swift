import MinimaxTensor
import MinimaxTestSupport
import Testing

@Suite struct AutogradSmokeTests {
    @Test func derivativeOfCube() {
        // d/dx x³ = 3x² = 12 at x = 2; d²/dx² = 6x = 12.
        let x = Tensor(2).requiringGrad()
        let y = x * x * x
        let g = gradients(of: y, wrt: [x], createGraph: true)[0]
        #expect(g.item == 12)
        let h = gradients(of: g, wrt: [x])[0]
        #expect(h.item == 12)
    }

    @Test func mlpLikeChainPassesGradientCheck() {
        let x = GradientCheck.tensor([4, 3], seed: 1)
        let w = GradientCheck.tensor([5, 3], seed: 2)
        let b = GradientCheck.tensor([5], seed: 3)
        let result = GradientCheck.check([x, w, b]) { t in
            (Tensor.matmul(t[0], t[1], transposeA: false, transposeB: true) + t[2]).tanh().softplus().mean(axis: 1)
        }
        #expect(result.passed, "\(result)")
        let second = GradientCheck.checkSecondOrder([x, w]) { t in
            Tensor.matmul(t[0], t[1], transposeA: false, transposeB: true).sigmoid().sum()
        }
        #expect(second.passed, "\(second)")
    }

    @Test func checkerRejectsAWrongGradient() {
        // exp's derivative is exp; a function whose value is exp but whose gradient is
        // doubled must fail: (2·exp(x) detached-corrected) as x ↦ exp(x) + (exp(x) − exp(x).detached()).
        let x = GradientCheck.tensor([6], seed: 5)
        let result = GradientCheck.check([x]) { t in
            let e = t[0].exp()
            return e + (e - e.detached())
        }
        #expect(!result.passed, "\(result)")
    }
}
