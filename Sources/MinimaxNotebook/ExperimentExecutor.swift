import Foundation
import MinimaxGAN

/// Trains one experiment into a run folder. The notebook owns caching, locking, `spec.yaml`
/// and `run.json`; the executor owns everything the training produces: `metrics.csv`,
/// `snapshots/`, `checkpoints/` (for resume) and, if it draws them itself, files in `charts/`.
public protocol ExperimentExecutor {
    /// Runs `spec` (already quickened in quick mode) with `seed`.
    /// With `resume: true` the folder holds a checkpoint from an interrupted attempt of the same
    /// run: continue from it rather than from step 0.
    /// Throwing marks the run interrupted (the folder and its checkpoints are kept).
    func execute(_ spec: ExperimentSpec, seed: UInt64, in folder: RunFolder, resume: Bool,
                 progress: (RunProgress) -> Void) throws -> RunOutcome
}

/// A progress report during training.
public struct RunProgress: Sendable {
    public var step: Int
    public var totalSteps: Int
    /// The latest logged values (losses, metrics at evaluation steps).
    public var values: [String: Double]

    public init(step: Int, totalSteps: Int, values: [String: Double] = [:]) {
        self.step = step
        self.totalSteps = totalSteps
        self.values = values
    }
}

/// What an executor reports back.
public struct RunOutcome: Equatable, Sendable {
    public var status: RunStatus
    public var stepsDone: Int
    /// Metric name (`MetricKind` raw values and any extra) → value at the end of the run.
    public var finalMetrics: [String: Double]
    /// Chart files the executor wrote into `charts/` (file names, not paths).
    public var charts: [String]

    public init(status: RunStatus, stepsDone: Int, finalMetrics: [String: Double], charts: [String] = []) {
        self.status = status
        self.stepsDone = stepsDone
        self.finalMetrics = finalMetrics
        self.charts = charts
    }
}

/// Where the run executes, recorded in `run.json` and part of the cache key (threads).
public struct ExecutionEnvironment: Equatable, Sendable {
    public var threads: Int
    /// OpenBLAS's kernel name (`openblas_get_corename()`), or "unknown".
    public var blasCore: String

    public init(threads: Int, blasCore: String) {
        self.threads = threads
        self.blasCore = blasCore
    }
}
