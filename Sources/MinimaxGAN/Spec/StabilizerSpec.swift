/// Tricks that change how the game is played, all off by default except those an objective needs.
public struct StabilizerSpec: Equatable, Sendable {
    /// Minibatch discrimination (Salimans et al. 2016, §3.2): `minibatchKernels` kernels of
    /// `minibatchKernelDims` dimensions appended to D's last hidden layer.
    public var minibatchDiscrimination: Bool
    public var minibatchKernels: Int
    public var minibatchKernelDims: Int
    /// Minibatch standard deviation feature (Karras et al. 2018, §3).
    public var minibatchStddev: Bool
    /// Spectral normalization of D's weights (Miyato et al. 2018), one power iteration per step.
    public var spectralNorm: Bool
    /// One-sided label smoothing: real targets become 1 − s (Salimans et al. 2016, §3.4).
    public var labelSmoothing: Double
    /// Std of Gaussian noise added to D's inputs, real and fake (Sønderby et al. 2017).
    public var instanceNoise: Double
    /// Unrolled GAN (Metz et al. 2017): G looks this many D steps ahead (0 = off).
    public var unrolledSteps: Int
    /// Backpropagate through the unrolled D updates (the paper's full method; slower).
    public var unrolledSecondOrder: Bool
    /// PacGAN packing degree (Lin et al. 2018): D sees `pack` samples at once (1 = off).
    public var pack: Int
    /// R1 penalty weight γ on real data (Mescheder et al. 2018; 0 = off).
    public var r1: Double
    /// WGAN-GP's λ; set only (and by default 10) when the objective is `wgan-gp`.
    public var gradientPenalty: Double?
    /// WGAN's clipping bound c; set only (and by default 0.01) when the objective is `wgan`.
    public var weightClip: Double?

    public init(objective: Objective) {
        minibatchDiscrimination = false
        minibatchKernels = 5
        minibatchKernelDims = 3
        minibatchStddev = false
        spectralNorm = false
        labelSmoothing = 0
        instanceNoise = 0
        unrolledSteps = 0
        unrolledSecondOrder = false
        pack = 1
        r1 = 0
        gradientPenalty = objective == .wganGP ? 10 : nil
        weightClip = objective == .wgan ? 0.01 : nil
    }

    static func read(_ reader: SpecReader, objective: Objective) -> StabilizerSpec {
        var result = StabilizerSpec(objective: objective)
        result.minibatchDiscrimination = reader.bool("minibatch_discrimination", default: result.minibatchDiscrimination)
        result.minibatchKernels = reader.int("minibatch_kernels", default: result.minibatchKernels)
        result.minibatchKernelDims = reader.int("minibatch_kernel_dims", default: result.minibatchKernelDims)
        result.minibatchStddev = reader.bool("minibatch_stddev", default: result.minibatchStddev)
        result.spectralNorm = reader.bool("spectral_norm", default: result.spectralNorm)
        result.labelSmoothing = reader.double("label_smoothing", default: result.labelSmoothing)
        result.instanceNoise = reader.double("instance_noise", default: result.instanceNoise)
        result.unrolledSteps = reader.int("unrolled_steps", default: result.unrolledSteps)
        result.unrolledSecondOrder = reader.bool("unrolled_second_order", default: result.unrolledSecondOrder)
        result.pack = reader.int("pack", default: result.pack)
        result.r1 = reader.double("r1", default: result.r1)
        // An explicit null switches a default penalty off; absence keeps the objective's default.
        if case .null? = reader.raw("gradient_penalty") { result.gradientPenalty = nil } else {
            result.gradientPenalty = reader.optionalDouble("gradient_penalty") ?? result.gradientPenalty
        }
        if case .null? = reader.raw("weight_clip") { result.weightClip = nil } else {
            result.weightClip = reader.optionalDouble("weight_clip") ?? result.weightClip
        }
        reader.finish()
        return result
    }

    var specValue: SpecValue {
        .mapping([
            SpecEntry("minibatch_discrimination", .bool(minibatchDiscrimination)),
            SpecEntry("minibatch_kernels", .int(minibatchKernels)),
            SpecEntry("minibatch_kernel_dims", .int(minibatchKernelDims)),
            SpecEntry("minibatch_stddev", .bool(minibatchStddev)),
            SpecEntry("spectral_norm", .bool(spectralNorm)),
            SpecEntry("label_smoothing", .double(labelSmoothing)),
            SpecEntry("instance_noise", .double(instanceNoise)),
            SpecEntry("unrolled_steps", .int(unrolledSteps)),
            SpecEntry("unrolled_second_order", .bool(unrolledSecondOrder)),
            SpecEntry("pack", .int(pack)),
            SpecEntry("r1", .double(r1)),
            SpecEntry("gradient_penalty", gradientPenalty.map { .double($0) } ?? .null),
            SpecEntry("weight_clip", weightClip.map { .double($0) } ?? .null),
        ])
    }
}
