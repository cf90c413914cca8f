/// Mode-collapse metrics for mixtures, on the protocol of VEEGAN (Srivastava et al. 2017) and
/// PacGAN (Lin et al. 2018).
///
/// Our exact reading, for a sample x and a mode with mean μ and per-dimension std σ:
/// - normalised distance d(x, mode) = √(Σ_d ((x_d − μ_d)/σ_d)²) (a diagonal Mahalanobis distance);
/// - x's nearest mode is the one with the smallest d; x is **high quality** if that d < `threshold`
///   (default 3, "within three standard deviations");
/// - a mode is **covered** if at least `minimumSamplesPerMode` high-quality samples have it as
///   their nearest mode (default 1).
///
/// Why Euclidean and not the per-dimension maximum: for the isotropic, equal-σ ring and grid,
/// d < 3 is exactly VEEGAN's published code (Euclidean distance to the nearest centre < 3σ),
/// so our numbers can be set beside the published tables; the max-norm reading would accept a
/// square instead of a disc and report higher quality than the papers do.
public enum ModeMetrics {
    /// Coverage, high-quality share, histogram, reverse KL and JS of `samples` (row-major
    /// `[n, dimension]`, dimension = the modes' dimension) against `modes`.
    ///
    /// The histogram counts high-quality samples only; reverse KL and JS compare it (normalised)
    /// with the modes' normalised weights, see `Divergence.kl` for how empty bins are handled.
    public static func coverage(samples: [Float], modes: [Mode], threshold: Float = 3,
                                minimumSamplesPerMode: Int = 1) -> ModeCoverage {
        precondition(!modes.isEmpty, "mode metrics need at least one mode")
        let dimension = modes[0].dimension
        precondition(dimension > 0 && modes.allSatisfy { $0.dimension == dimension }, "all modes need the same dimension")
        precondition(samples.count % dimension == 0, "\(samples.count) values are not a whole number of \(dimension)-D samples")
        precondition(threshold > 0 && minimumSamplesPerMode >= 1, "threshold must be > 0 and minimumSamplesPerMode ≥ 1")
        let means = modes.flatMap(\.mean)
        let inverseStds = modes.flatMap { $0.std.map { 1 / $0 } }
        let sampleCount = samples.count / dimension
        var histogram = [Int](repeating: 0, count: modes.count)
        var highQuality = 0
        let thresholdSquared = threshold * threshold
        samples.withUnsafeBufferPointer { x in
            means.withUnsafeBufferPointer { mu in
                inverseStds.withUnsafeBufferPointer { inverseSigma in
                    for sample in 0..<sampleCount {
                        var best = Float.infinity
                        var bestMode = 0
                        for mode in 0..<modes.count {
                            var squared: Float = 0
                            for d in 0..<dimension {
                                let z = (x[sample * dimension + d] - mu[mode * dimension + d]) * inverseSigma[mode * dimension + d]
                                squared += z * z
                            }
                            if squared < best { best = squared; bestMode = mode }
                        }
                        if best < thresholdSquared {
                            highQuality += 1
                            histogram[bestMode] += 1
                        }
                    }
                }
            }
        }
        let q = histogram.map(Double.init)
        let p = modes.map(\.weight)
        return ModeCoverage(
            sampleCount: sampleCount,
            highQualityCount: highQuality,
            histogram: histogram,
            modesCovered: histogram.filter { $0 >= minimumSamplesPerMode }.count,
            reverseKL: highQuality == 0 ? nil : Divergence.kl(q, p),
            jensenShannon: highQuality == 0 ? nil : Divergence.jensenShannon(q, p))
    }
}
