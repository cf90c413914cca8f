import MinimaxGAN
import MinimaxNN
import MinimaxTensor
import Testing

/// On a linear critic D(x) = w·x + b the input gradient is w everywhere, so
/// ‖∇D‖ = ‖w‖ and the penalties have closed forms.
@Suite struct GradientPenaltyTests {
    /// w = [1, 2, 2], ‖w‖ = 3.
    func linearCritic() -> Linear {
        let layer = Linear(3, 1)
        layer.weight.assign([1, 2, 2])
        layer.bias?.assign([0.5])
        return layer
    }

    let inputs = Tensor(shape: [4, 3], scalars: [0.1, -0.2, 0.3, 1, 2, 3, -1, 0, 1, 0.5, 0.5, 0.5])

    @Test func wassersteinPenaltyValueAndSecondOrderGradient() throws {
        let critic = linearCritic()
        let penalty = GradientPenalty.wassersteinPenalty(critic: { critic($0) }, interpolates: inputs, weight: 10)
        // λ(‖w‖ − 1)² = 10·(3 − 1)² = 40
        #expect(abs(penalty.item - 40) <= 1e-4)
        // ∂/∂w λ(‖w‖ − 1)² = 2λ(‖w‖ − 1)·w/‖w‖ = (40/3)·w; the bias gets no gradient
        penalty.backward()
        let grad = try #require(critic.weight.grad)
        for (g, w) in zip(grad.scalars, [Float(1), 2, 2]) {
            #expect(abs(g - 40 / 3 * w) <= 1e-4 + 1e-5 * abs(g))
        }
        #expect(abs(critic.bias?.grad?.item ?? 0) <= 1e-6)
    }

    @Test func r1PenaltyValue() {
        let critic = linearCritic()
        // γ/2·‖w‖² = 2/2·9 = 9
        let penalty = GradientPenalty.r1Penalty(critic: { critic($0) }, real: inputs, gamma: 2)
        #expect(abs(penalty.item - 9) <= 1e-4)
    }

    @Test func interpolatesUseOneEpsilonPerExample() {
        let real = Tensor(shape: [2, 2], scalars: [1, 1, 4, 4])
        let fake = Tensor(shape: [2, 2], scalars: [0, 0, 0, 0])
        // ε = 0.25 → 0.25·1; ε = 0.5 → 0.5·4
        let mixed = GradientPenalty.interpolates(real: real, fake: fake, epsilons: [0.25, 0.5])
        #expect(mixed.scalars == [0.25, 0.25, 2, 2])
        #expect(!mixed.requiresGrad)
    }
}
