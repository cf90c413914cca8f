import MinimaxData

/// Class statistics of generated images, from the evaluation classifier's arg-max labels.
///
/// - A class is *covered* when at least `coverageShare` (1%) of the samples are classified
///   as it: a tenth of a fair share for ten balanced classes, so a class the generator makes
///   only by accident (a few stray samples) does not count, while one it makes rarely but
///   steadily does. `classes` in metrics.csv is this count.
/// - `class_kl` is KL(p_gen ‖ p_data) of the generated class histogram against the data's
///   class frequencies (reverse KL, as the toy mode metrics; 0 when the proportions match).
/// - Stacked MNIST (Metz et al. 2017; Srivastava et al. 2017, VEEGAN; Lin et al. 2018, PacGAN):
///   each channel is classified by the digit classifier, the mode is 100·d₁ + 10·d₂ + d₃, a
///   mode counts as covered with at least one sample (the published protocol), and the KL is
///   KL(p_gen ‖ uniform over 1,000 modes).
public enum ImageSampleMetrics {
    public static let coverageShare = 0.01
    /// A Stacked MNIST sample is "high quality" when every channel's top-class probability is at least this.
    public static let stackedConfidence: Float = 0.9

    /// Samples per class (index = class).
    public static func histogram(_ labels: [Int], classCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels {
            precondition((0..<classCount).contains(label), "ImageSampleMetrics: label \(label) is not in 0..<\(classCount)")
            counts[label] += 1
        }
        return counts
    }

    /// Classes holding at least `coverageShare` of the samples.
    public static func coveredClasses(_ counts: [Int]) -> Int {
        let total = counts.reduce(0, +)
        guard total > 0 else { return 0 }
        return counts.filter { Double($0) >= coverageShare * Double(total) && $0 > 0 }.count
    }

    /// KL(p_gen ‖ p_data) in nats (`Divergence.kl`).
    public static func classKL(_ counts: [Int], dataDistribution: [Double]) -> Double {
        guard counts.reduce(0, +) > 0 else { return .nan }
        return Divergence.kl(counts.map(Double.init), dataDistribution)
    }

    /// Stacked MNIST mode labels 100·d₁ + 10·d₂ + d₃ from per-channel digit labels (3 per sample, in channel order).
    public static func stackedModes(channelLabels: [Int]) -> [Int] {
        precondition(channelLabels.count % 3 == 0, "stackedModes: \(channelLabels.count) channel labels are not triples")
        return (0..<channelLabels.count / 3).map { 100 * channelLabels[3 * $0] + 10 * channelLabels[3 * $0 + 1] + channelLabels[3 * $0 + 2] }
    }

    /// The Stacked MNIST numbers of one sample set.
    public struct StackedModes: Equatable, Sendable {
        /// Modes (of 1,000) with at least one sample.
        public var modes: Int
        /// KL(p_gen ‖ uniform) in nats.
        public var reverseKL: Double
        /// Jensen–Shannon divergence between p_gen and uniform, in nats.
        public var jensenShannon: Double
        /// Fraction of samples whose three channels all have confidence ≥ `stackedConfidence`.
        public var highQuality: Double
        public var histogram: [Int]
    }

    public static func stacked(channelLabels: [Int], channelConfidences: [Float]) -> StackedModes {
        precondition(channelLabels.count == channelConfidences.count, "stacked: \(channelLabels.count) labels, \(channelConfidences.count) confidences")
        let modes = stackedModes(channelLabels: channelLabels)
        let counts = histogram(modes, classCount: 1000)
        let uniform = [Double](repeating: 1, count: 1000)
        var confident = 0
        for sample in 0..<modes.count where (0..<3).allSatisfy({ channelConfidences[3 * sample + $0] >= stackedConfidence }) {
            confident += 1
        }
        let hasSamples = !modes.isEmpty
        return StackedModes(
            modes: counts.filter { $0 > 0 }.count,
            reverseKL: hasSamples ? Divergence.kl(counts.map(Double.init), uniform) : .nan,
            jensenShannon: hasSamples ? Divergence.jensenShannon(counts.map(Double.init), uniform) : .nan,
            highQuality: hasSamples ? Double(confident) / Double(modes.count) : .nan,
            histogram: counts)
    }
}
