import Foundation

/// The 2-D toy distributions of the GAN literature, generated from a `RandomStream`.
///
/// Defaults follow the papers the lessons cite: the ring of 8 Gaussians with radius 2 and
/// std 0.02, and the 5×5 grid with spacing 2 (coordinates −4…4) and std 0.05
/// (Metz et al. 2017, Srivastava et al. 2017 "VEEGAN", Lin et al. 2018 "PacGAN").
/// Shapes without Gaussian modes follow scikit-learn's generators where one exists.
/// Check user-given settings with `validated(_:)` before sampling.
public enum ToyDistribution: Equatable, Sendable {
    /// `count` Gaussians at angles 2πk/count (k = 0..<count, no duplicated endpoint) on a circle.
    case ring(count: Int = 8, radius: Float = 2, std: Float = 0.02)
    /// `side`×`side` Gaussians on a square lattice with `spacing`, centred on the origin.
    case grid(side: Int = 5, spacing: Float = 2, std: Float = 0.05)
    /// One Archimedean arm: t = √u, θ = 2π·turns·t, point = radius·t·(cos θ, sin θ) + noise·N(0, I)
    /// (the √u makes the density along the arm roughly uniform per unit area).
    case spiral(turns: Float = 2, radius: Float = 4, noise: Float = 0.05)
    /// scikit-learn's `make_swiss_roll` seen from above: t = 1.5π(1 + 2u), point = (t cos t, t sin t)/5
    /// + noise·N(0, I) (the /5 scaling is FFJORD's, so the roll fits in about ±3).
    case swissRoll(noise: Float = 0.05)
    /// scikit-learn's `make_moons`: (cos θ, sin θ) or (1 − cos θ, ½ − sin θ), θ ~ U[0, π), each moon
    /// with probability ½, plus noise·N(0, I).
    case twoMoons(noise: Float = 0.05)
    /// scikit-learn's `make_circles`: the unit circle or one of radius `innerRadius`, each with
    /// probability ½, plus noise·N(0, I).
    case circles(innerRadius: Float = 0.5, noise: Float = 0.05)
    /// Uniform over the dark squares ((row + column) even) of a `squares`×`squares` board of
    /// squares of side `squareSize`, centred on the origin.
    case checkerboard(squares: Int = 4, squareSize: Float = 1)
    /// A single axis-aligned Gaussian.
    case gaussian(mean: [Float] = [0, 0], std: [Float] = [1, 1])
    /// A user-defined mixture of isotropic Gaussians: `means[i]` (2 values), `stds[i]`, `weights[i]`
    /// (non-negative, normalised by their sum).
    case mixture(means: [[Float]], stds: [Float], weights: [Double])

    /// A short name for file names and tables, e.g. `ring-8`, `grid-5x5`, `two-moons`.
    public var name: String {
        switch self {
        case let .ring(count, _, _): return "ring-\(count)"
        case let .grid(side, _, _): return "grid-\(side)x\(side)"
        case .spiral: return "spiral"
        case .swissRoll: return "swiss-roll"
        case .twoMoons: return "two-moons"
        case .circles: return "circles"
        case let .checkerboard(squares, _): return "checkerboard-\(squares)x\(squares)"
        case .gaussian: return "gaussian"
        case let .mixture(means, _, _): return "mixture-\(means.count)"
        }
    }

    /// The Gaussian components, for mode metrics; `nil` for shapes that are not mixtures
    /// (spiral, Swiss roll, moons, circles, checkerboard): use a sample distance for those.
    public var modes: [Mode]? {
        switch self {
        case let .ring(count, radius, std):
            return (0..<count).map { k in
                let angle = 2 * Double.pi * Double(k) / Double(count)
                return Mode(mean: [radius * Float(cos(angle)), radius * Float(sin(angle))],
                            std: [std, std], weight: 1 / Double(count))
            }
        case let .grid(side, spacing, std):
            let offset = Float(side - 1) / 2
            return (0..<side * side).map { index in
                let (row, column) = index.quotientAndRemainder(dividingBy: side)
                return Mode(mean: [(Float(column) - offset) * spacing, (Float(row) - offset) * spacing],
                            std: [std, std], weight: 1 / Double(side * side))
            }
        case let .gaussian(mean, std):
            return [Mode(mean: mean, std: std, weight: 1)]
        case let .mixture(means, stds, weights):
            let total = weights.reduce(0, +)
            return zip(zip(means, stds), weights).map { component, weight in
                Mode(mean: component.0, std: [component.1, component.1], weight: weight / total)
            }
        case .spiral, .swissRoll, .twoMoons, .circles, .checkerboard:
            return nil
        }
    }
}
