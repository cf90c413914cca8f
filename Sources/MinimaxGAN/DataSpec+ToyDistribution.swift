import MinimaxData

extension DataSpec {
    /// The toy distribution this spec describes, or nil for image data.
    ///
    /// The spec's spellings map onto `ToyDistribution`'s: `moons` is `twoMoons`, `circles.factor`
    /// is the inner radius, every `std` of a noisy shape is its `noise`, a `gaussian` is isotropic,
    /// a `mixture` with empty `weights` is uniform, a checkerboard has unit squares, and a spiral
    /// keeps `ToyDistribution`'s default radius (4).
    public var toyDistribution: ToyDistribution? {
        switch self {
        case let .ring(modes, radius, std):
            return .ring(count: modes, radius: Float(radius), std: Float(std))
        case let .grid(size, spacing, std):
            return .grid(side: size, spacing: Float(spacing), std: Float(std))
        case let .spiral(turns, std):
            return .spiral(turns: Float(turns), radius: 4, noise: Float(std))
        case let .swissRoll(std):
            return .swissRoll(noise: Float(std))
        case let .moons(std):
            return .twoMoons(noise: Float(std))
        case let .circles(factor, std):
            return .circles(innerRadius: Float(factor), noise: Float(std))
        case let .checkerboard(size):
            return .checkerboard(squares: size, squareSize: 1)
        case let .gaussian(mean, std):
            return .gaussian(mean: mean.map(Float.init), std: [Float(std), Float(std)])
        case let .mixture(means, std, weights):
            return .mixture(means: means.map { $0.map(Float.init) }, stds: [Float](repeating: Float(std), count: means.count),
                            weights: weights.isEmpty ? [Double](repeating: 1, count: means.count) : weights)
        case .mnist, .mnist5k, .fashionMNIST, .stackedMNIST:
            return nil
        }
    }
}
