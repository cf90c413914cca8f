/// How a training run ended.
public enum TrainingStatus: Equatable, Sendable {
    /// All `steps` generator steps were taken.
    case finished
    /// A loss or parameter became NaN/Inf or a loss exceeded `GANTrainer.divergenceThreshold` at
    /// `step`; files up to that step are kept. A result, not an error.
    case diverged(step: Int)
    /// `shouldStop` asked to stop after `step`; a checkpoint at `step` was written to resume from.
    case stopped(step: Int)
}

/// What `GANTrainer.run` reports back.
public struct TrainingOutcome: Equatable, Sendable {
    public var status: TrainingStatus
    /// Generator steps completed (the diverging step counts).
    public var stepsDone: Int
    /// The step the run resumed from (nil for a fresh start).
    public var resumedFrom: Int?
    /// The last `metrics.csv` row, column name → value (NaN where a value was unavailable).
    public var finalMetrics: [String: Double]
    /// Wall-clock seconds of this call (not of earlier, resumed-from attempts).
    public var wallSeconds: Double

    public init(status: TrainingStatus, stepsDone: Int, resumedFrom: Int?, finalMetrics: [String: Double], wallSeconds: Double) {
        self.status = status
        self.stepsDone = stepsDone
        self.resumedFrom = resumedFrom
        self.finalMetrics = finalMetrics
        self.wallSeconds = wallSeconds
    }
}

/// A progress report after each generator step.
public struct TrainingProgress: Sendable {
    public var step: Int
    public var totalSteps: Int
    public var discriminator: DiscriminatorStepStats
    public var generator: GeneratorStepStats
    /// The metrics row written at this step (empty when this was not an evaluation step).
    public var metrics: [String: Double]
}
