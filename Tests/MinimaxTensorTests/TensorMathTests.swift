import Foundation
import MinimaxTensor
import MinimaxTestSupport
import Testing

/// exp, log, sqrt, pow, abs: values, gradient checks away from their kinks, and the kinks.
@Suite struct TensorMathTests {
    @Test func forwardValues() {
        let x = Tensor([0.25, 1, 4])
        expectClose(x.exp(), Tensor([Foundation.exp(0.25), Float(M_E), Foundation.exp(4)]))
        expectClose(x.log(), Tensor([-Foundation.log(4), 0, Foundation.log(4)]))
        expectClose(x.sqrt(), Tensor([0.5, 1, 2]))
        expectClose(x.pow(3), Tensor([1.0 / 64, 1, 64]))
        expectClose(x.pow(-0.5), Tensor([2, 1, 0.5]))
        #expect(Tensor([-2, 0, 3]).abs().scalars == [2, 0, 3])
        #expect(Tensor([-2, 3]).squared().scalars == [4, 9])
    }

    @Test func smoothGradients() {
        expectGradient([GradientCheck.tensor([2, 3], seed: 1)], "exp") { $0[0].exp() }
        // log and sqrt on [0.3, 2.3]: positive and away from 0.
        expectGradient([GradientCheck.tensor([2, 3], seed: 2, offset: 1.3)], "log") { $0[0].log() }
        expectGradient([GradientCheck.tensor([2, 3], seed: 3, offset: 1.3)], "sqrt") { $0[0].sqrt() }
        expectGradient([GradientCheck.tensor([2, 3], seed: 4)], "pow 3") { $0[0].pow(3) }
        expectGradient([GradientCheck.tensor([2, 3], seed: 5)], "pow 2") { $0[0].pow(2) }
        expectGradient([GradientCheck.tensor([2, 3], seed: 6, offset: 1.3)], "pow 0.5") { $0[0].pow(0.5) }
        expectGradient([GradientCheck.tensor([2, 3], seed: 7, offset: 1.3)], "pow −1.5") { $0[0].pow(-1.5) }
        expectGradient([GradientCheck.tensor([2, 3], seed: 8)], "squared") { $0[0].squared() }
    }

    @Test func absGradientAwayFromZero() {
        // Values in [-1, -0.1] ∪ [0.1, 1]: ε = 1e-2 never crosses the kink.
        let x = Tensor(shape: [2, 3], scalars: GradientCheck.values(6, seed: 9).map { $0 < 0 ? $0 * 0.9 - 0.1 : $0 * 0.9 + 0.1 })
        expectGradient([x]) { $0[0].abs() }
    }

    @Test func kinks() {
        // abs'(0) = 0 (PyTorch's sign convention).
        #expect(gradientOfSum(Tensor([-2, 0, 3]), { $0.abs() }).scalars == [-1, 0, 1])
        // sqrt'(0) = +∞ as in PyTorch; sqrt'(4) = 1/4.
        let g = gradientOfSum(Tensor([0, 4]), { $0.sqrt() })
        #expect(g.scalars[0] == .infinity && g.scalars[1] == 0.25)
        // x⁰ = 1 has zero gradient everywhere, including x = 0 (PyTorch special-cases this too).
        #expect(gradientOfSum(Tensor([0, 2]), { $0.pow(0) }).scalars == [0, 0])
        // d/dx x¹ = 1 at 0, and d²/dx² = 0: no 0·∞ from x⁻¹.
        let x = Tensor([0, 3]).requiringGrad()
        let first = gradients(of: x.pow(1).sum(), wrt: [x], createGraph: true)[0]
        #expect(first.scalars == [1, 1])
        #expect(gradients(of: first.sum(), wrt: [x])[0].scalars == [0, 0])
    }

    @Test func secondDerivativeOfCube() {
        // d²/dx² x³ = 6x = 12 at x = 2.
        let x = Tensor(2).requiringGrad()
        let g = gradients(of: x.pow(3), wrt: [x], createGraph: true)[0]
        expectClose(g, Tensor(12))
        expectClose(gradients(of: g, wrt: [x])[0], Tensor(12))
    }
}
