import Foundation
import MinimaxGAN

/// The real executor: trains a spec with `GANTrainer` in the run folder.
///
/// `shouldStop` is polled after every generator step (Ctrl-C sets it); the trainer then
/// writes a checkpoint and the run is recorded as interrupted, to be resumed next time.
public struct GANExecutor: ExperimentExecutor {
    public let shouldStop: () -> Bool

    public init(shouldStop: @escaping () -> Bool = { false }) {
        self.shouldStop = shouldStop
    }

    public func execute(_ spec: ExperimentSpec, seed: UInt64, in folder: RunFolder, resume: Bool,
                        progress: (RunProgress) -> Void) throws -> RunOutcome {
        let trainer = try GANTrainer(spec: spec, seed: seed, folder: folder.url)
        var latest: [String: Double] = [:]
        let outcome = try trainer.run(resume: resume, progress: { event in
            latest["d_loss"] = Double(event.discriminator.loss)
            latest["g_loss"] = Double(event.generator.loss)
            for (key, value) in event.metrics { latest[key] = value }
            progress(RunProgress(step: event.step, totalSteps: event.totalSteps, values: latest))
        }, shouldStop: shouldStop)
        let status: RunStatus
        switch outcome.status {
        case .finished: status = .finished
        case let .diverged(step): status = .diverged(step: step)
        case .stopped: status = .interrupted
        }
        return RunOutcome(status: status, stepsDone: outcome.stepsDone, finalMetrics: outcome.finalMetrics)
    }
}
