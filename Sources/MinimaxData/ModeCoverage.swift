/// How well a set of samples covers the modes of a mixture (see `ModeMetrics.coverage`).
public struct ModeCoverage: Equatable, Sendable {
    public let sampleCount: Int
    /// High-quality samples: within `threshold` normalised distance of their nearest mode.
    public let highQualityCount: Int
    /// High-quality samples per mode (index = mode index), counted at the nearest mode.
    public let histogram: [Int]
    /// Modes with at least `minimumSamplesPerMode` high-quality samples.
    public let modesCovered: Int
    /// KL(q‖p) in nats, q = normalised `histogram`, p = the modes' normalised weights;
    /// `nil` when there is no high-quality sample (q undefined).
    public let reverseKL: Double?
    /// Jensen–Shannon divergence between q and p in nats (0 … ln 2); `nil` when q is undefined.
    public let jensenShannon: Double?

    public var modeCount: Int { histogram.count }

    /// Share of samples that are high quality, 0 … 1 (0 for an empty sample set).
    public var highQualityFraction: Double {
        sampleCount == 0 ? 0 : Double(highQualityCount) / Double(sampleCount)
    }
}
