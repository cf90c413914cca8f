import Foundation
import MinimaxGAN

/// The plotting hook: the notebook asks for charts and links whatever files come back.
/// `MinimaxPlot`'s gnuplot renderer is plugged in here by the command-line tool.
public protocol ChartRendering {
    /// Draws `charts` for a finished run into `folder.charts`; returns the image file names
    /// (relative to `charts/`), e.g. `samples.png`. Chart kinds it cannot draw are skipped.
    func renderRunCharts(_ charts: [ChartKind], spec: ExperimentSpec, folder: RunFolder) throws -> [String]

    /// Draws one overlaid-curves chart for a comparison (`curves`: one band per compared
    /// experiment) into `folder`; returns the image file name, or nil when it draws nothing.
    func renderComparison(metric: String, curves: [CurveBand], into folder: URL, fileStem: String) throws -> String?
}

/// A metric over steps, mean ± std across seeds, for one compared experiment.
public struct CurveBand: Equatable, Sendable {
    public var label: String
    public var steps: [Int]
    public var mean: [Double]
    /// Sample standard deviation (n − 1); 0 with a single seed.
    public var std: [Double]
    /// The shaded band, mean ∓ std clipped to the lowest and highest seed at that step, so it
    /// never claims a value no seed reached (e.g. negative modes when one seed has 0).
    public var lower: [Double]
    public var upper: [Double]

    /// `lower`/`upper` default to mean ∓ std, unclipped.
    public init(label: String, steps: [Int], mean: [Double], std: [Double],
                lower: [Double]? = nil, upper: [Double]? = nil) {
        self.label = label
        self.steps = steps
        self.mean = mean
        self.std = std
        self.lower = lower ?? zip(mean, std).map { $0 - $1 }
        self.upper = upper ?? zip(mean, std).map { $0 + $1 }
    }
}

/// Draws nothing: reports then show tables and numbers only.
public struct NoCharts: ChartRendering {
    public init() {}

    public func renderRunCharts(_ charts: [ChartKind], spec: ExperimentSpec, folder: RunFolder) throws -> [String] { [] }

    public func renderComparison(metric: String, curves: [CurveBand], into folder: URL, fileStem: String) throws -> String? { nil }
}
