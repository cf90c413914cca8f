/// One Gaussian component of a mixture: mean and standard deviation per dimension, and its weight.
///
/// Mode metrics (`ModeMetrics`) measure samples against a list of these.
public struct Mode: Equatable, Sendable, Codable {
    public var mean: [Float]
    public var std: [Float]
    /// Mixture weight; a list of modes is normalised by the sum of its weights.
    public var weight: Double

    public init(mean: [Float], std: [Float], weight: Double) {
        precondition(mean.count == std.count, "a mode needs one std per dimension: mean \(mean), std \(std)")
        self.mean = mean
        self.std = std
        self.weight = weight
    }

    public var dimension: Int { mean.count }
}
