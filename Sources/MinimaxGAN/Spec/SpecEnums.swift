/// The network family of a generator or discriminator.
public enum NetworkKind: String, SpecEnum {
    /// Fully connected layers (the toy 2-D experiments; flattened images also work).
    case mlp
    /// Strided (transposed) convolutions after Radford et al. 2016; image data only.
    case dcgan
}

/// The distribution the generator's noise z is drawn from.
public enum NoiseDistribution: String, SpecEnum {
    /// Standard normal N(0, I).
    case normal
    /// Uniform on [-1, 1]^d.
    case uniform
}

/// A hidden-layer nonlinearity, named as in `torch.nn`.
public enum Activation: String, SpecEnum {
    case relu
    case leakyReLU = "leaky-relu"
    case elu
    case gelu
    case silu
    case tanh
}

/// The GAN loss. References: Goodfellow et al. 2014 (minimax, non-saturating),
/// Arjovsky et al. 2017 (wgan), Gulrajani et al. 2017 (wgan-gp), Lim & Ye 2017 (hinge),
/// Mao et al. 2017 (least-squares).
public enum Objective: String, SpecEnum {
    /// G minimizes E[log(1 − D(G(z)))]: the game as written, saturates when D wins.
    case minimax
    /// G maximizes E[log D(G(z))] instead (the paper's practical variant).
    case nonSaturating = "non-saturating"
    /// Wasserstein critic with weight clipping.
    case wgan
    /// Wasserstein critic with a gradient penalty on interpolates.
    case wganGP = "wgan-gp"
    case hinge
    case leastSquares = "least-squares"

    /// Whether the discriminator is a critic scoring reals high, with no labels to smooth.
    public var isWasserstein: Bool { self == .wgan || self == .wganGP }

    /// Whether the loss compares outputs with 0/1 labels (so label smoothing applies).
    public var usesLabels: Bool { self == .minimax || self == .nonSaturating || self == .leastSquares }
}

/// A number computed at each evaluation and at the end of the run.
public enum MetricKind: String, SpecEnum {
    /// Modes with at least one high-quality sample (within 3 std of the mode's centre).
    case modes
    /// Fraction of samples within 3 std of some mode (Srivastava et al. 2017, VEEGAN).
    case highQuality = "high_quality"
    /// KL(generated mode histogram ‖ true mode weights).
    case reverseKL = "reverse_kl"
    /// Jensen–Shannon divergence between the two mode histograms.
    case js
    /// Energy distance between generated and real samples.
    case energy
    /// Fréchet distance in the feature space of the project's own small classifier.
    case frechet
    /// Fraction of classes the classifier finds among the generated images.
    case classCoverage = "class_coverage"

    /// Whether the metric needs data with known modes or classes (not spiral, moons, …).
    public func applies(to data: DataSpec) -> Bool {
        switch self {
        case .modes, .highQuality, .reverseKL, .js: return data.hasModes
        case .energy: return true
        case .frechet, .classCoverage: return data.isImage
        }
    }
}

/// A chart drawn for a run (by the plotting hook; the notebook only links the files).
public enum ChartKind: String, SpecEnum {
    /// Real and generated samples (a scatter in 2-D, an image grid for images).
    case samples
    /// Samples at every snapshot step, side by side and as an animated GIF.
    case evolution
    /// Discriminator and generator losses over steps.
    case losses
    /// Gradient norms of both networks over steps.
    case gradients
    /// Modes covered and high-quality fraction over steps.
    case modes
    /// The discriminator's (critic's) output over the plane; 2-D data only.
    case surface
    /// A histogram of the critic's weights (shows clipped weights piling at ±c).
    case weights
    /// Labelled image data: the classifier's histogram of the generated samples, as the share
    /// of each class over training (a heatmap, class × step) and at the last snapshot next to the
    /// data's shares (bars). Mode collapse on images shows as one bright row.
    case classes
    /// Conditional GANs: one row of samples per requested class, each column one z.
    case conditional
    /// Image data: the evaluation metrics over training, one panel each (classes covered or
    /// Stacked MNIST modes, KL against the data's classes, classifier Fréchet distance,
    /// conditional accuracy), whichever `metrics.csv` has.
    case evaluation
}
