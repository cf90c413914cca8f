extension ToyDistribution {
    /// Returns `distribution` unchanged if every setting is usable, else throws a
    /// `ToyDistributionError` naming the first bad setting.
    public static func validated(_ distribution: ToyDistribution) throws -> ToyDistribution {
        try distribution.validate()
        return distribution
    }

    /// Throws a `ToyDistributionError` naming the first unusable setting: counts must be ≥ 1,
    /// lengths and stds finite and > 0, noise finite and ≥ 0, weights finite, ≥ 0 and with a
    /// positive sum, and mixture lists of equal length with 2-D means.
    public func validate() throws {
        switch self {
        case let .ring(count, radius, std):
            try Self.atLeastOne(count, "ring.count")
            try Self.positive(radius, "ring.radius")
            try Self.positive(std, "ring.std")
        case let .grid(side, spacing, std):
            try Self.atLeastOne(side, "grid.side")
            try Self.positive(spacing, "grid.spacing")
            try Self.positive(std, "grid.std")
        case let .spiral(turns, radius, noise):
            try Self.positive(turns, "spiral.turns")
            try Self.positive(radius, "spiral.radius")
            try Self.nonNegative(noise, "spiral.noise")
        case let .swissRoll(noise):
            try Self.nonNegative(noise, "swissRoll.noise")
        case let .twoMoons(noise):
            try Self.nonNegative(noise, "twoMoons.noise")
        case let .circles(innerRadius, noise):
            try Self.positive(innerRadius, "circles.innerRadius")
            try Self.nonNegative(noise, "circles.noise")
        case let .checkerboard(squares, squareSize):
            try Self.atLeastOne(squares, "checkerboard.squares")
            try Self.positive(squareSize, "checkerboard.squareSize")
        case let .gaussian(mean, std):
            guard mean.count == 2, std.count == 2 else {
                throw ToyDistributionError(setting: "gaussian.mean/std", problem: "must have 2 values each (x, y), got \(mean.count) and \(std.count)")
            }
            for value in mean where !value.isFinite {
                throw ToyDistributionError(setting: "gaussian.mean", problem: "must be finite, got \(mean)")
            }
            for value in std { try Self.positive(value, "gaussian.std") }
        case let .mixture(means, stds, weights):
            guard !means.isEmpty else {
                throw ToyDistributionError(setting: "mixture.means", problem: "must list at least one mean")
            }
            guard stds.count == means.count, weights.count == means.count else {
                throw ToyDistributionError(setting: "mixture", problem:
                    "needs one std and one weight per mean: got \(means.count) means, \(stds.count) stds, \(weights.count) weights")
            }
            for (index, mean) in means.enumerated() where mean.count != 2 || !mean.allSatisfy(\.isFinite) {
                throw ToyDistributionError(setting: "mixture.means[\(index)]", problem: "must be 2 finite values (x, y), got \(mean)")
            }
            for (index, std) in stds.enumerated() { try Self.positive(std, "mixture.stds[\(index)]") }
            for (index, weight) in weights.enumerated() where !(weight.isFinite && weight >= 0) {
                throw ToyDistributionError(setting: "mixture.weights[\(index)]", problem: "must be finite and ≥ 0, got \(weight)")
            }
            guard weights.reduce(0, +) > 0 else {
                throw ToyDistributionError(setting: "mixture.weights", problem: "must have a positive sum, got \(weights)")
            }
        }
    }

    private static func atLeastOne(_ value: Int, _ setting: String) throws {
        guard value >= 1 else { throw ToyDistributionError(setting: setting, problem: "must be at least 1, got \(value)") }
    }

    private static func positive(_ value: Float, _ setting: String) throws {
        guard value.isFinite, value > 0 else { throw ToyDistributionError(setting: setting, problem: "must be finite and > 0, got \(value)") }
    }

    private static func nonNegative(_ value: Float, _ setting: String) throws {
        guard value.isFinite, value >= 0 else { throw ToyDistributionError(setting: setting, problem: "must be finite and ≥ 0, got \(value)") }
    }
}
