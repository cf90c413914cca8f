import MinimaxData
import MinimaxTensor

extension GANTrainer {
    /// The columns of `metrics.csv`: the training statistics of the evaluation step, then the
    /// spec's metrics in this fixed order: modes, high_quality, reverse_kl, js, energy (image runs:
    /// see `GANTrainer+ImageEvaluation`).
    public var metricColumns: [String] {
        let training = ["step", "d_loss", "g_loss", "d_real", "d_fake", "g_grad_norm", "d_grad_norm"]
        if imageData != nil { return training + imageMetricColumns }
        let order: [MetricKind] = [.modes, .highQuality, .reverseKL, .js, .energy]
        return training + order.filter(spec.metrics.contains).map(\.rawValue)
    }

    /// Runs `body` with both networks in evaluation mode (batch norm uses running statistics,
    /// dropout is off), restoring training mode afterwards.
    func inEvaluationMode<T>(_ body: () throws -> T) rethrows -> T {
        generator.eval()
        discriminator.eval()
        defer {
            generator.train()
            discriminator.train()
        }
        return try body()
    }

    /// G(z) on the fixed evaluation noise, as row-major [eval_samples, 2] values.
    public func evaluationSamples() -> [Float] {
        inEvaluationMode { withoutGradients { generator(evaluation.noise) }.scalars }
    }

    /// The spec's metrics on `samples` against the evaluation reals and the data's modes.
    /// Unavailable values (no high-quality sample, or non-finite samples) are NaN.
    public func modeMetrics(samples: [Float]) -> [MetricKind: Double] {
        var result: [MetricKind: Double] = [:]
        let finite = samples.allSatisfy(\.isFinite)
        if let modes = evaluation.modes, spec.metrics.contains(where: { [.modes, .highQuality, .reverseKL, .js].contains($0) }) {
            if finite {
                let coverage = ModeMetrics.coverage(samples: samples, modes: modes)
                result[.modes] = Double(coverage.modesCovered)
                result[.highQuality] = coverage.highQualityFraction
                result[.reverseKL] = coverage.reverseKL ?? .nan
                result[.js] = coverage.jensenShannon ?? .nan
            } else {
                for kind in [MetricKind.modes, .highQuality, .reverseKL, .js] { result[kind] = .nan }
            }
        }
        if spec.metrics.contains(.energy) {
            result[.energy] = finite ? SampleDistance.energy(samples, evaluation.real, dimension: sampleFeatures) : .nan
        }
        return result
    }

    /// One `metrics.csv` row for `step`.
    func metricsRow(step: Int, discriminator d: DiscriminatorStepStats, generator g: GeneratorStepStats, metrics: [MetricKind: Double]) -> [String] {
        var values: [String: Double] = [:]
        for (kind, value) in metrics { values[kind.rawValue] = value }
        return metricsRow(step: step, discriminator: d, generator: g, values: values)
    }

    /// One `metrics.csv` row for `step` from values keyed by column (missing ones are NaN;
    /// the counts `modes` and `classes` are written as integers).
    func metricsRow(step: Int, discriminator d: DiscriminatorStepStats, generator g: GeneratorStepStats, values: [String: Double]) -> [String] {
        var row = [CSVNumber.text(step), CSVNumber.text(d.loss), CSVNumber.text(g.loss), CSVNumber.text(d.realScore),
                   CSVNumber.text(d.fakeScore), CSVNumber.text(g.gradientNorm), CSVNumber.text(d.gradientNorm)]
        for column in metricColumns.dropFirst(7) {
            let value = values[column] ?? .nan
            row.append((column == "modes" || column == "classes") && value.isFinite ? CSVNumber.text(Int(value)) : CSVNumber.text(value))
        }
        return row
    }
}
