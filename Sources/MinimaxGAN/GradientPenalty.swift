import MinimaxTensor

/// Penalties on the gradient of D with respect to its input, built with
/// `gradients(of:wrt:createGraph: true)` so that the penalty itself is differentiated with
/// respect to D's parameters (a second-order derivative).
///
/// The gradient is taken of Σᵢ D(xᵢ), which equals ∇ D(xᵢ) per example when examples do not
/// interact inside D (no batch norm, minibatch features): that is why WGAN-GP forbids batch norm.
/// Inputs are D's inputs as fed (packed when PacGAN packing is on), and norms are over one
/// flattened input row.
public enum GradientPenalty {
    /// Added inside the square root so the norm's gradient stays finite at a zero gradient.
    public static let normEpsilon: Float = 1e-12

    /// WGAN-GP (Gulrajani et al. 2017, Algorithm 1): λ·E[(‖∇ D(x̂)‖₂ − 1)²] at `interpolates`
    /// x̂ = εx + (1 − ε)G(z). Returns the penalty (differentiable w.r.t. D's parameters).
    public static func wassersteinPenalty(critic: (Tensor) -> Tensor, interpolates: Tensor, weight: Float) -> Tensor {
        let norms = gradientNorms(critic: critic, at: interpolates)
        return weight * (norms - 1).squared().mean()
    }

    /// R1 (Mescheder et al. 2018, eq. 9): γ/2·E[‖∇ D(x)‖₂²] on real inputs `real`.
    public static func r1Penalty(critic: (Tensor) -> Tensor, real: Tensor, gamma: Float) -> Tensor {
        let x = real.detached().requiringGrad()
        let gradient = gradients(of: critic(x).sum(), wrt: [x], createGraph: true)[0]
        return (gamma / 2) * gradient.flattened(from: 1).squared().sum(axis: 1).mean()
    }

    /// ‖∇ₓ D(x)‖₂ per row of `inputs` (shape [n]), differentiable.
    public static func gradientNorms(critic: (Tensor) -> Tensor, at inputs: Tensor) -> Tensor {
        let x = inputs.detached().requiringGrad()
        let gradient = gradients(of: critic(x).sum(), wrt: [x], createGraph: true)[0]
        return (gradient.flattened(from: 1).squared().sum(axis: 1) + normEpsilon).sqrt()
    }

    /// x̂ = ε·real + (1 − ε)·fake with one ε per example (`epsilons`, each in [0, 1]); `real`
    /// and `fake` are [n, …] and `epsilons` has n entries. The result is a constant.
    public static func interpolates(real: Tensor, fake: Tensor, epsilons: [Float]) -> Tensor {
        precondition(real.shape == fake.shape, "interpolates: real \(real.shape) and fake \(fake.shape) differ")
        precondition(real.rank >= 1 && epsilons.count == real.shape[0],
                     "interpolates: \(epsilons.count) epsilons for \(real.shape.first ?? 0) examples")
        let epsilonShape = [real.shape[0]] + [Int](repeating: 1, count: real.rank - 1)
        let epsilon = Tensor(shape: epsilonShape, scalars: epsilons)
        return withoutGradients { epsilon * real + (1 - epsilon) * fake }
    }
}
