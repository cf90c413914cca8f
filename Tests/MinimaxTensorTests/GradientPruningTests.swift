import MinimaxTensor
import MinimaxTestSupport
import Testing

/// `gradients(of:wrt:)` skips the pullbacks of branches that lead to no wanted input; the
/// gradients it returns must be those of a full `backward()`.
@Suite struct GradientPruningTests {
    @Test func askingForOneInputGivesTheSameGradientAsBackward() {
        let x = GradientCheck.tensor([8, 3], seed: 1)
        let w1 = GradientCheck.tensor([5, 3], seed: 2).requiringGrad()
        let w2 = GradientCheck.tensor([1, 5], seed: 3).requiringGrad()
        func loss() -> Tensor { Tensor.linear(Tensor.linear(x, weight: w1).tanh(), weight: w2).softplus().mean() }
        let onlyFirst = gradients(of: loss(), wrt: [w1])[0]
        let onlySecond = gradients(of: loss(), wrt: [w2])[0]
        loss().backward()
        #expect(onlyFirst.scalars == w1.grad?.scalars)
        #expect(onlySecond.scalars == w2.grad?.scalars)
    }

    /// A gradient penalty asks only for ∇ₓ D (the critic's weight gradients are pruned), then
    /// is differentiated with respect to the weights: checked against finite differences.
    @Test func penaltyOnAPrunedInputGradientIsDifferentiable() {
        let x = GradientCheck.tensor([4, 2], seed: 4)
        let w1 = GradientCheck.tensor([6, 2], seed: 5), w2 = GradientCheck.tensor([1, 6], seed: 6)
        let result = GradientCheck.check([w1, w2]) { t in
            let input = x.requiringGrad()
            let critic = Tensor.linear(Tensor.linear(input, weight: t[0]).tanh(), weight: t[1])
            let g = gradients(of: critic.sum(), wrt: [input], createGraph: true)[0]
            return (g.squared().sum(axis: 1) - 1).squared().mean()
        }
        #expect(result.passed, "\(result)")
    }
}
