/// What one discriminator step optimised and saw, logged as is.
public struct DiscriminatorStepStats: Equatable, Sendable {
    /// The loss the optimizer minimised: the objective's L_D plus any gradient penalty and R1.
    public var loss: Float
    /// The part of `loss` from the WGAN-GP and R1 penalties (0 without them).
    public var penalty: Float
    /// Mean D(x) on the real batch (`Objective.meanScore`: a probability for the BCE games).
    public var realScore: Float
    /// Mean D(G(z)) on the fake batch, same convention.
    public var fakeScore: Float
    /// ‖∇_θD loss‖₂ over all of D's parameters, before the update.
    public var gradientNorm: Float

    public init(loss: Float, penalty: Float, realScore: Float, fakeScore: Float, gradientNorm: Float) {
        self.loss = loss
        self.penalty = penalty
        self.realScore = realScore
        self.fakeScore = fakeScore
        self.gradientNorm = gradientNorm
    }
}
