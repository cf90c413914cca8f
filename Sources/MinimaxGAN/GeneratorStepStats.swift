/// What one generator step optimised and saw, logged as is.
public struct GeneratorStepStats: Equatable, Sendable {
    /// The loss the optimizer minimised (`Objective.generatorLoss`, through the unrolled D when
    /// unrolling is on).
    public var loss: Float
    /// Mean D(G(z)) on this step's fakes (`Objective.meanScore`), as seen by the D that G's
    /// gradient came from.
    public var fakeScore: Float
    /// ‖∇_θG loss‖₂ over all of G's parameters, before the update.
    public var gradientNorm: Float

    public init(loss: Float, fakeScore: Float, gradientNorm: Float) {
        self.loss = loss
        self.fakeScore = fakeScore
        self.gradientNorm = gradientNorm
    }
}
