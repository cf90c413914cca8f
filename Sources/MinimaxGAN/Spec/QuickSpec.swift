/// What `--quick` changes: the same code path with fewer steps and evaluation samples.
///
/// Defaults: `steps` = max(20, steps / 10) (integer division), `eval_samples` = min(eval_samples, 500).
/// Applying it (`ExperimentSpec.quickened()`) also scales `eval_every`, `snapshot_every` and
/// `checkpoint_every` by quick.steps / steps (rounded up, at least 1), so a quick run evaluates
/// and snapshots as many times as the full run (capped at one per step).
public struct QuickSpec: Equatable, Sendable {
    public var steps: Int
    public var evalSamples: Int

    public init(fullSteps: Int, fullEvalSamples: Int) {
        steps = max(20, fullSteps / 10)
        evalSamples = min(fullEvalSamples, 500)
    }

    public init(steps: Int, evalSamples: Int) {
        self.steps = steps
        self.evalSamples = evalSamples
    }

    static func read(_ reader: SpecReader, fullSteps: Int, fullEvalSamples: Int) -> QuickSpec {
        let defaults = QuickSpec(fullSteps: fullSteps, fullEvalSamples: fullEvalSamples)
        let result = QuickSpec(steps: reader.int("steps", default: defaults.steps),
                               evalSamples: reader.int("eval_samples", default: defaults.evalSamples))
        reader.finish()
        return result
    }

    var specValue: SpecValue {
        .mapping([SpecEntry("steps", .int(steps)), SpecEntry("eval_samples", .int(evalSamples))])
    }
}
