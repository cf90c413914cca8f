import MinimaxTensor
import MinimaxTestSupport
import Testing

/// WGAN-GP's gradient penalty (Gulrajani et al. 2017, eq. 3), the reason the engine
/// differentiates its own gradients: penalty = mean over x̂ of (‖∇ₓ D(x̂)‖₂ − 1)², and the
/// critic's update needs d penalty / d weights.
@Suite struct GradientPenaltyTests {
    /// Critic D(x) = w2·leakyReLU(W1 x + b1, 0.2) + b2 on a batch of rows x.
    static func critic(_ x: Tensor, _ w1: Tensor, _ b1: Tensor, _ w2: Tensor, _ b2: Tensor) -> Tensor {
        let hidden = (Tensor.matmul(x, w1, transposeA: false, transposeB: true) + b1).leakyReLU(0.2)
        return Tensor.matmul(hidden, w2, transposeA: false, transposeB: true) + b2
    }

    /// mean((‖∇ₓ̂ D(x̂)‖₂ − 1)²), with the gradient recorded so the penalty is differentiable
    /// (in the weights and, when `xHat` requires gradients, in x̂ too).
    static func penalty(_ xHat: Tensor, _ critic: (Tensor) -> Tensor) -> Tensor {
        let x = xHat.requiresGrad ? xHat : xHat.requiringGrad()
        let g = gradients(of: critic(x).sum(), wrt: [x], createGraph: true)[0]
        let norms = (g * g).sum(axes: [1]).sqrt()
        return ((norms - 1) * (norms - 1)).mean()
    }

    let real = GradientCheck.tensor([4, 3], seed: 31)
    let fake = GradientCheck.tensor([4, 3], seed: 32, scale: 0.5, offset: 0.3)
    let mixing = Tensor(shape: [4, 1], scalars: [0.1, 0.4, 0.7, 0.95])
    let w1 = GradientCheck.tensor([5, 3], seed: 33)
    let b1 = GradientCheck.tensor([5], seed: 62, scale: 0.5)
    let w2 = GradientCheck.tensor([1, 5], seed: 35)
    let b2 = GradientCheck.tensor([1], seed: 36)

    @Test func penaltyGradientWithRespectToCriticWeights() throws {
        // x̂ = εx + (1 − ε)x̃, the interpolates the penalty is evaluated on.
        let xHat = mixing * real + (1 - mixing) * fake
        // LeakyReLU's kink must stay out of reach of the checker's steps: ε = 1e-2 along
        // directions in [-1, 1] moves a pre-activation by at most ε·(‖x̂‖₁ + 1) ≤ 0.04 here.
        let preactivations = Tensor.matmul(xHat, w1, transposeA: false, transposeB: true) + b1
        let closest = try #require(preactivations.scalars.map { Swift.abs($0) }.min())
        #expect(closest > 0.1, "a pre-activation at \(closest) is too close to the kink; pick other seeds")
        expectGradient([w1, b1, w2, b2], "d penalty / d (W1, b1, w2, b2)") { t in
            Self.penalty(xHat) { Self.critic($0, t[0], t[1], t[2], t[3]) }
        }
        // The same check with W1 alone, the weight the issue names.
        expectGradient([w1], seed: 3, "d penalty / d W1") { t in
            Self.penalty(xHat) { Self.critic($0, t[0], self.b1, self.w2, self.b2) }
        }
        // b2 shifts D but not ∇ₓD: its gradient is exactly zero.
        let b2Leaf = b2.requiringGrad()
        let p = Self.penalty(xHat) { Self.critic($0, self.w1, self.b1, self.w2, b2Leaf) }
        #expect(gradients(of: p, wrt: [b2Leaf])[0].scalars == [0])
    }

    @Test func linearCriticHasAClosedForm() {
        // D(x) = a·x: ∇ₓD = a for every x̂, so penalty = (‖a‖ − 1)² and
        // d penalty / da = 2(‖a‖ − 1)·a/‖a‖. With a = (3, 4): ‖a‖ = 5, penalty 16, gradient (4.8, 6.4).
        let a = Tensor(shape: [2, 1], scalars: [3, 4]).requiringGrad()
        let xHat = GradientCheck.tensor([6, 2], seed: 37)
        let p = Self.penalty(xHat) { $0.matmul(a) }
        expectClose(p, Tensor(16))
        expectClose(gradients(of: p, wrt: [a])[0], Tensor(shape: [2, 1], scalars: [4.8, 6.4]))
    }

    @Test func backwardThroughThePenaltyReachesTheLeaves() {
        // The critic step as a trainer runs it: loss = mean D(fake) − mean D(real) + λ·penalty, backward().
        let weights = [w1, b1, w2, b2].map { $0.requiringGrad() }
        let d = { (x: Tensor) in Self.critic(x, weights[0], weights[1], weights[2], weights[3]) }
        let xHat = mixing * real + (1 - mixing) * fake
        let loss = d(fake).mean() - d(real).mean() + 10 * Self.penalty(xHat, d)
        loss.backward()
        let expected = gradients(of: loss, wrt: weights)
        for (w, e) in zip(weights, expected) {
            #expect(w.grad?.scalars == e.scalars)
        }
    }
}
