import Foundation
import MinimaxData
import MinimaxNN
import MinimaxTensor

/// Trains one toy 2-D GAN experiment (an `ExperimentSpec` and a seed) into a run folder.
///
/// The two steps are public so a lesson can drive them by hand; `run` is the loop of
/// Goodfellow et al. 2014, Algorithm 1 (n_critic discriminator steps, then one generator step),
/// with evaluation, snapshots, checkpoints, resume and divergence detection around it.
/// Every random draw comes from a named stream derived from the seed (`TrainingStreams`).
public final class GANTrainer {
    public let spec: ExperimentSpec
    public let seed: UInt64
    /// The run folder: `metrics.csv`, `snapshots/`, `checkpoints/` are written here.
    public let folder: URL
    public let generator: MLPGenerator
    public let discriminator: MLPDiscriminator
    public let generatorOptimizer: any Optimizer
    public let discriminatorOptimizer: any Optimizer
    public let distribution: ToyDistribution
    /// The training streams' current positions (saved in checkpoints).
    public internal(set) var streams: TrainingStreams
    /// The generator step being (or last) taken; 0 before training.
    public internal(set) var step = 0

    /// A loss whose magnitude exceeds this counts as divergence.
    public static let divergenceThreshold: Float = 1e6
    /// Samples whose generator gradients are drawn as arrows in `gradients-*.csv`.
    public static let gradientArrowCount = 200
    /// Resolution of the discriminator surface grid (`surface-*.csv`).
    public static let surfaceResolution = 64
    /// Resolution of the noise grid mapped through G when noise_dim is 2 (`manifold-*.csv`).
    public static let manifoldResolution = 21

    let sampleFeatures = 2
    let evaluation: EvaluationSet

    /// Builds the networks (initialised from the `init.*` streams) and optimizers.
    /// Throws `GANSetupError` for a spec this trainer cannot train (image data, missing layers).
    public init(spec: ExperimentSpec, seed: UInt64, folder: URL) throws {
        let problems = spec.validate()
        if !problems.isEmpty {
            throw GANSetupError("spec", problems.map { "\($0)" }.joined(separator: "; "))
        }
        guard let distribution = spec.data.toyDistribution else {
            throw GANSetupError("data.kind", "\(spec.data.kind.rawValue) is image data; this trainer runs the toy 2-D distributions")
        }
        if spec.conditional { throw GANSetupError("conditional", "conditional GANs need labelled image data") }
        if spec.generator.kind != .mlp { throw GANSetupError("generator.kind", "toy data needs the mlp generator") }
        if spec.discriminator.kind != .mlp { throw GANSetupError("discriminator.kind", "toy data needs the mlp discriminator") }
        self.spec = spec
        self.seed = seed
        self.folder = folder
        self.distribution = distribution
        generator = MLPGenerator(spec: spec.generator, outputFeatures: 2, tanhOutput: false)
        discriminator = MLPDiscriminator(spec: spec.discriminator, stabilizers: spec.stabilizers, sampleFeatures: 2) { layer in
            RandomStream(seed: seed, name: "dropout").derived("\(layer)")
        }
        generator.initialize(seed: StableHash.splitmix64(seed ^ StableHash.fnv1a64("generator")))
        discriminator.initialize(seed: StableHash.splitmix64(seed ^ StableHash.fnv1a64("discriminator")))
        generatorOptimizer = try spec.generatorOptimizer.makeOptimizer(generator.namedParameters(), setting: "optimizer.generator")
        discriminatorOptimizer = try spec.discriminatorOptimizer.makeOptimizer(discriminator.namedParameters(), setting: "optimizer.discriminator")
        streams = TrainingStreams(seed: seed)
        evaluation = EvaluationSet(spec: spec, seed: seed, distribution: distribution)
    }

    /// A real batch [count, 2] from the `data` stream.
    public func sampleReal(_ count: Int) -> Tensor {
        Tensor(shape: [count, 2], scalars: distribution.sample(count: count, stream: &streams.data))
    }

    /// A noise batch [count, noise_dim] from the `noise` stream.
    public func sampleNoise(_ count: Int) -> Tensor {
        spec.generator.noise.sample(count: count, dimension: spec.generator.noiseDim, stream: &streams.noise)
    }

    /// D applied to samples [n, 2], packed m at a time: scores [n/m, 1].
    func critic(_ samples: Tensor) -> Tensor {
        discriminator(Packing.packed(samples, degree: spec.stabilizers.pack))
    }

    /// The instance-noise std at generator step `step`: linear from the spec's value at step 1
    /// to 0 at the last step (Sønderby et al. 2017 anneal it; the linear schedule is ours).
    public func instanceNoiseStd(at step: Int) -> Float {
        let start = Float(spec.stabilizers.instanceNoise)
        guard start > 0 else { return 0 }
        guard spec.steps > 1 else { return start }
        return start * Float(spec.steps - max(1, min(step, spec.steps))) / Float(spec.steps - 1)
    }

    /// `samples` plus N(0, σ²) noise from the `instance-noise` stream when σ > 0 (no draw otherwise).
    func withInstanceNoise(_ samples: Tensor) -> Tensor {
        let std = instanceNoiseStd(at: step)
        guard std > 0 else { return samples }
        let noise = Tensor(shape: samples.shape, scalars: streams.instanceNoise.normalArray(count: samples.count, std: std))
        return samples + noise
    }
}
