import Foundation
import MinimaxNN
import MinimaxTensor

extension GANTrainer {
    /// Trains to `spec.steps` generator steps, writing `metrics.csv`, `snapshots/` and
    /// `checkpoints/latest.safetensors` into `folder`.
    ///
    ///     for step in 1…steps:
    ///         repeat n_critic times: x ~ data, z ~ noise → discriminatorStep(real: x, noise: z)
    ///         z ~ noise → generatorStep(noise: z)
    ///         every eval_every steps (and at the end): a metrics row
    ///         every snapshot_every steps (and at 0 and the end): snapshot files
    ///         every checkpoint_every steps (and at the end): a checkpoint
    ///
    /// With `resume` and a checkpoint in the folder, training continues after the checkpoint's
    /// step with every stream, optimizer and buffer restored, and `metrics.csv` is cut back to
    /// that step, so the finished files equal those of an uninterrupted run byte for byte.
    /// Without one, the run starts fresh and clears earlier outputs.
    /// `shouldStop` is asked after every step; when it says yes a checkpoint is written and the
    /// run returns `.stopped`. Divergence (see `divergenceReason`) ends the run with `.diverged`.
    public func run(resume: Bool = false, progress: (TrainingProgress) -> Void = { _ in },
                    shouldStop: () -> Bool = { false }) throws -> TrainingOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        func seconds() -> Double {
            let elapsed = clock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        var resumedFrom: Int?
        var log: MetricsLog
        if resume, FileManager.default.fileExists(atPath: checkpointFile.path) {
            let restored = try loadCheckpoint()
            resumedFrom = restored
            log = try MetricsLog.resumed(url: metricsFile, columns: metricColumns, upTo: restored)
            try log.write()
        } else {
            try clearOutputs()
            log = MetricsLog(url: metricsFile, columns: metricColumns)
            try log.write()
            if let imageData {
                try writeImageEvaluationRecord(imageData)
                try writeRealImages(imageData)
                try writeImageSnapshot(step: 0, result: evaluateImages(imageData), data: imageData)
            } else {
                try AtomicFile.write(Self.pointsCSV(evaluation.real), to: folder.appendingPathComponent("snapshots/real.csv"))
                try writeSnapshot(step: 0, samples: evaluationSamples())
            }
        }

        var dStats = DiscriminatorStepStats(loss: .nan, penalty: .nan, realScore: .nan, fakeScore: .nan, gradientNorm: .nan)
        while step < spec.steps {
            step += 1
            // Goodfellow et al. 2014, Algorithm 1: k discriminator steps, then one generator step.
            for _ in 0..<spec.nCritic {
                let real = nextRealBatch()
                dStats = discriminatorStep(real: real.samples, noise: sampleNoise(spec.batchSize), labels: real.labels)
                if divergenceReason(discriminator: dStats) != nil { break }
            }
            var gStats = GeneratorStepStats(loss: .nan, fakeScore: .nan, gradientNorm: .nan)
            let dDiverged = divergenceReason(discriminator: dStats) != nil
            if !dDiverged { gStats = generatorStep(noise: sampleNoise(spec.batchSize), labels: sampleFakeLabels(spec.batchSize)) }
            if dDiverged || divergenceReason(generator: gStats) != nil {
                try log.append(metricsRow(step: step, discriminator: dStats, generator: gStats, metrics: [:]))
                return TrainingOutcome(status: .diverged(step: step), stepsDone: step, resumedFrom: resumedFrom,
                                       finalMetrics: finalMetrics(log), wallSeconds: seconds())
            }

            let isLast = step == spec.steps
            var rowValues: [String: Double] = [:]
            let evaluate = step % spec.evalEvery == 0 || isLast
            let snapshot = step % spec.snapshotEvery == 0 || isLast
            if (evaluate || snapshot), let imageData {
                let result = evaluateImages(imageData)
                if evaluate {
                    try log.append(metricsRow(step: step, discriminator: dStats, generator: gStats, values: imageMetrics(result, imageData)))
                    rowValues = log.lastRow
                }
                if snapshot { try writeImageSnapshot(step: step, result: result, data: imageData) }
            } else if evaluate || snapshot {
                let samples = evaluationSamples()
                if evaluate {
                    try log.append(metricsRow(step: step, discriminator: dStats, generator: gStats, metrics: modeMetrics(samples: samples)))
                    rowValues = log.lastRow
                }
                if snapshot { try writeSnapshot(step: step, samples: samples) }
            }
            if step % spec.checkpointEvery == 0 || isLast { try saveCheckpoint() }
            progress(TrainingProgress(step: step, totalSteps: spec.steps, discriminator: dStats, generator: gStats, metrics: rowValues))
            if !isLast && shouldStop() {
                if step % spec.checkpointEvery != 0 { try saveCheckpoint() }
                return TrainingOutcome(status: .stopped(step: step), stepsDone: step, resumedFrom: resumedFrom,
                                       finalMetrics: finalMetrics(log), wallSeconds: seconds())
            }
        }
        return TrainingOutcome(status: .finished, stepsDone: step, resumedFrom: resumedFrom,
                               finalMetrics: finalMetrics(log), wallSeconds: seconds())
    }

    /// The last metrics row; image runs add the evaluation's own numbers (`imageEvaluationConstants`).
    func finalMetrics(_ log: MetricsLog) -> [String: Double] {
        log.lastRow.merging(imageEvaluationConstants) { row, _ in row }
    }

    public var metricsFile: URL { folder.appendingPathComponent("metrics.csv") }
    public var checkpointFile: URL { folder.appendingPathComponent("checkpoints/latest.safetensors") }

    /// Why the run counts as diverged after a discriminator step, or nil.
    func divergenceReason(discriminator stats: DiscriminatorStepStats) -> String? {
        if let reason = Self.lossProblem(stats.loss) { return "discriminator loss \(reason)" }
        return Self.parametersAreFinite(discriminatorOptimizer.parameters) ? nil : "discriminator parameters are not finite"
    }

    /// Why the run counts as diverged after a generator step, or nil.
    func divergenceReason(generator stats: GeneratorStepStats) -> String? {
        if let reason = Self.lossProblem(stats.loss) { return "generator loss \(reason)" }
        return Self.parametersAreFinite(generatorOptimizer.parameters) ? nil : "generator parameters are not finite"
    }

    static func lossProblem(_ loss: Float) -> String? {
        if !loss.isFinite { return "is \(loss)" }
        if abs(loss) > divergenceThreshold { return "\(loss) exceeds ±\(divergenceThreshold)" }
        return nil
    }

    static func parametersAreFinite(_ parameters: [Parameter]) -> Bool {
        for parameter in parameters {
            let finite = parameter.value.scalars.withUnsafeBufferPointer { values in
                values.allSatisfy(\.isFinite)
            }
            if !finite { return false }
        }
        return true
    }

    /// Removes `metrics.csv`, `snapshots/` and `checkpoints/` left by an earlier attempt.
    func clearOutputs() throws {
        let manager = FileManager.default
        for name in ["metrics.csv", "snapshots", "checkpoints"] {
            let url = folder.appendingPathComponent(name)
            if manager.fileExists(atPath: url.path) { try manager.removeItem(at: url) }
        }
        for name in ["snapshots", "checkpoints"] {
            try manager.createDirectory(at: folder.appendingPathComponent(name, isDirectory: true), withIntermediateDirectories: true)
        }
    }
}
