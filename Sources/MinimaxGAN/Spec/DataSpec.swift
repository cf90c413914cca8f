/// The real data distribution. Toy 2-D parameters follow the literature: the ring of 8 Gaussians
/// (radius 2, std 0.02) and the 5×5 grid (spacing 2, std 0.05) of Srivastava et al. 2017 and
/// Lin et al. 2018 (PacGAN).
public enum DataSpec: Equatable, Sendable {
    /// `modes` Gaussians evenly spaced on a circle.
    case ring(modes: Int, radius: Double, std: Double)
    /// A `size`×`size` grid of Gaussians, `spacing` apart, centred on the origin.
    case grid(size: Int, spacing: Double, std: Double)
    /// A two-armed spiral with `turns` turns and Gaussian noise `std`.
    case spiral(turns: Double, std: Double)
    /// The 2-D swiss roll (scikit-learn's `make_swiss_roll` projected on x–z).
    case swissRoll(std: Double)
    /// Two interleaving half circles (scikit-learn's `make_moons`).
    case moons(std: Double)
    /// Two concentric circles, the inner one `factor` times the outer (scikit-learn's `make_circles`).
    case circles(factor: Double, std: Double)
    /// Uniform on the dark squares of a `size`×`size` checkerboard.
    case checkerboard(size: Int)
    /// One Gaussian at `mean` with `std`.
    case gaussian(mean: [Double], std: Double)
    /// Gaussians at `means` with a shared `std`; `weights` empty means uniform.
    case mixture(means: [[Double]], std: Double, weights: [Double])
    /// MNIST digits (full IDX files when present, else the 5,000-digit subset).
    case mnist
    /// The 5,000-digit MNIST subset (500 per class).
    case mnist5k
    case fashionMNIST
    /// Three MNIST digits stacked as colour channels: 1,000 modes (Metz et al. 2017).
    case stackedMNIST

    /// The spelling of `kind:` in specs.
    public enum Kind: String, SpecEnum {
        case ring, grid, spiral
        case swissRoll = "swiss-roll"
        case moons, circles, checkerboard, gaussian, mixture, mnist
        case mnist5k = "mnist-5k"
        case fashionMNIST = "fashion-mnist"
        case stackedMNIST = "stacked-mnist"
    }

    public var kind: Kind {
        switch self {
        case .ring: return .ring
        case .grid: return .grid
        case .spiral: return .spiral
        case .swissRoll: return .swissRoll
        case .moons: return .moons
        case .circles: return .circles
        case .checkerboard: return .checkerboard
        case .gaussian: return .gaussian
        case .mixture: return .mixture
        case .mnist: return .mnist
        case .mnist5k: return .mnist5k
        case .fashionMNIST: return .fashionMNIST
        case .stackedMNIST: return .stackedMNIST
        }
    }

    /// Whether samples are images (MNIST family) rather than 2-D points.
    public var isImage: Bool {
        switch self {
        case .mnist, .mnist5k, .fashionMNIST, .stackedMNIST: return true
        default: return false
        }
    }

    /// Whether samples come with class labels (needed by conditional GANs).
    public var hasLabels: Bool { isImage && self != .stackedMNIST }

    /// Names of the classes, index = label, for charts: the digits "0"…"9", Fashion-MNIST's
    /// ten garment names (Xiao et al. 2017, Table 1), empty for data without labels.
    public var classNames: [String] {
        switch self {
        case .mnist, .mnist5k: return (0..<10).map(String.init)
        case .fashionMNIST:
            return ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        default: return []
        }
    }

    /// Whether the distribution has countable modes for the mode metrics.
    public var hasModes: Bool {
        switch self {
        case .ring, .grid, .mixture, .gaussian, .stackedMNIST: return true
        default: return false
        }
    }

    static func read(_ reader: SpecReader) -> DataSpec {
        let kind = reader.enumeration("kind", default: Kind.ring)
        let result: DataSpec
        switch kind {
        case .ring:
            result = .ring(modes: reader.int("modes", default: 8), radius: reader.double("radius", default: 2.0),
                           std: reader.double("std", default: 0.02))
        case .grid:
            result = .grid(size: reader.int("size", default: 5), spacing: reader.double("spacing", default: 2.0),
                           std: reader.double("std", default: 0.05))
        case .spiral:
            result = .spiral(turns: reader.double("turns", default: 1.5), std: reader.double("std", default: 0.05))
        case .swissRoll: result = .swissRoll(std: reader.double("std", default: 0.25))
        case .moons: result = .moons(std: reader.double("std", default: 0.05))
        case .circles:
            result = .circles(factor: reader.double("factor", default: 0.5), std: reader.double("std", default: 0.05))
        case .checkerboard: result = .checkerboard(size: reader.int("size", default: 4))
        case .gaussian:
            result = .gaussian(mean: reader.doubles("mean", default: [0, 0]), std: reader.double("std", default: 1.0))
        case .mixture:
            result = .mixture(means: reader.doubleRows("means", default: []), std: reader.double("std", default: 0.05),
                              weights: reader.doubles("weights", default: []))
        case .mnist: result = .mnist
        case .mnist5k: result = .mnist5k
        case .fashionMNIST: result = .fashionMNIST
        case .stackedMNIST: result = .stackedMNIST
        }
        reader.finish()
        return result
    }

    var specValue: SpecValue {
        var entries = [SpecEntry("kind", .string(kind.rawValue))]
        switch self {
        case let .ring(modes, radius, std):
            entries += [SpecEntry("modes", .int(modes)), SpecEntry("radius", .double(radius)), SpecEntry("std", .double(std))]
        case let .grid(size, spacing, std):
            entries += [SpecEntry("size", .int(size)), SpecEntry("spacing", .double(spacing)), SpecEntry("std", .double(std))]
        case let .spiral(turns, std): entries += [SpecEntry("turns", .double(turns)), SpecEntry("std", .double(std))]
        case let .swissRoll(std), let .moons(std): entries.append(SpecEntry("std", .double(std)))
        case let .circles(factor, std): entries += [SpecEntry("factor", .double(factor)), SpecEntry("std", .double(std))]
        case let .checkerboard(size): entries.append(SpecEntry("size", .int(size)))
        case let .gaussian(mean, std):
            entries += [SpecEntry("mean", .sequence(mean.map { .double($0) })), SpecEntry("std", .double(std))]
        case let .mixture(means, std, weights):
            entries += [SpecEntry("means", .sequence(means.map { .sequence($0.map { .double($0) }) })),
                        SpecEntry("std", .double(std)), SpecEntry("weights", .sequence(weights.map { .double($0) }))]
        case .mnist, .mnist5k, .fashionMNIST, .stackedMNIST: break
        }
        return .mapping(entries)
    }

    func validate(_ add: (String, String) -> Void) {
        switch self {
        case let .ring(modes, radius, std):
            if modes < 1 { add("data.modes", "must be at least 1, got \(modes)") }
            if !(radius > 0) { add("data.radius", "must be greater than 0, got \(radius)") }
            if !(std > 0) { add("data.std", "must be greater than 0, got \(std)") }
        case let .grid(size, spacing, std):
            if size < 1 { add("data.size", "must be at least 1, got \(size)") }
            if !(spacing > 0) { add("data.spacing", "must be greater than 0, got \(spacing)") }
            if !(std > 0) { add("data.std", "must be greater than 0, got \(std)") }
        case let .spiral(turns, std):
            if !(turns > 0) { add("data.turns", "must be greater than 0, got \(turns)") }
            if !(std >= 0) { add("data.std", "must be at least 0, got \(std)") }
        case let .swissRoll(std), let .moons(std):
            if !(std >= 0) { add("data.std", "must be at least 0, got \(std)") }
        case let .circles(factor, std):
            if !(factor > 0 && factor < 1) { add("data.factor", "must be between 0 and 1 (exclusive), got \(factor)") }
            if !(std >= 0) { add("data.std", "must be at least 0, got \(std)") }
        case let .checkerboard(size):
            if size < 2 { add("data.size", "must be at least 2, got \(size)") }
        case let .gaussian(mean, std):
            if mean.count != 2 { add("data.mean", "must be a 2-D point [x, y], got \(mean.count) numbers") }
            if !(std > 0) { add("data.std", "must be greater than 0, got \(std)") }
        case let .mixture(means, std, weights):
            if means.isEmpty { add("data.means", "must list at least one [x, y] mean") }
            for (index, mean) in means.enumerated() where mean.count != 2 {
                add("data.means.\(index)", "must be a 2-D point [x, y], got \(mean.count) numbers")
            }
            if !(std > 0) { add("data.std", "must be greater than 0, got \(std)") }
            if !weights.isEmpty {
                if weights.count != means.count {
                    add("data.weights", "must have one weight per mean (\(means.count)), got \(weights.count)")
                }
                if weights.contains(where: { !($0 >= 0) }) || !(weights.reduce(0, +) > 0) {
                    add("data.weights", "must be non-negative with a positive sum")
                }
            }
        case .mnist, .mnist5k, .fashionMNIST, .stackedMNIST: break
        }
    }
}
