import Foundation
import MinimaxData
import MinimaxNN
import MinimaxTensor

/// Trains one GAN experiment (an `ExperimentSpec` and a seed) into a run folder: toy 2-D data
/// with the MLP networks, or MNIST-family images (`ImageTrainingSet`) with `ImageGenerator` and
/// `ImageDiscriminator` (DCGAN or MLP, optionally conditional), judged by an `EvaluationClassifier`.
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
    public let generator: any GANGenerator
    public let discriminator: any GANDiscriminator
    public let generatorOptimizer: any Optimizer
    public let discriminatorOptimizer: any Optimizer
    /// The toy distribution (nil for image data).
    public let distribution: ToyDistribution?
    /// The real images and their evaluation (nil for toy data).
    public let imageData: ImageData?
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

    /// Image-spec checks that need the loaded set.
    static func checkImageSetup(_ spec: ExperimentSpec, _ set: ImageTrainingSet) throws {
        if spec.batchSize > set.count {
            throw GANSetupError("batch_size", "\(spec.batchSize) exceeds the \(set.count) training images")
        }
        if spec.conditional && spec.stabilizers.pack > 1 {
            throw GANSetupError("stabilizers.pack", "packing mixes images of different labels; a conditional GAN needs pack 1")
        }
        if spec.evalSamples < 2 {
            throw GANSetupError("eval_samples", "image runs need at least 2 evaluation samples (the Fréchet statistics use a covariance), got \(spec.evalSamples)")
        }
        if set.height != 28 || set.width != 28 {
            throw GANSetupError("data.kind", "the image networks need 28×28 images, got \(set.height)×\(set.width)")
        }
    }

    let sampleFeatures = 2
    let evaluation: EvaluationSet

    /// Builds the networks (initialised from the `init.*` streams) and optimizers; for image data
    /// also loads the training set and the evaluation classifier (trained once and cached in the
    /// data folder, see `EvaluationClassifier+Cache`).
    /// Throws `GANSetupError` for a spec this trainer cannot train, `DataError` for missing data.
    public convenience init(spec: ExperimentSpec, seed: UInt64, folder: URL) throws {
        try self.init(spec: spec, seed: seed, folder: folder, images: nil, classifier: nil)
    }

    /// As `init(spec:seed:folder:)`, with the image training set and evaluation classifier given
    /// (tests pass tiny ones); nil loads them as the spec says, from `locations`.
    public init(spec: ExperimentSpec, seed: UInt64, folder: URL, images: ImageTrainingSet?, classifier: EvaluationClassifier?,
                locations: DatasetLocations = DatasetLocations()) throws {
        let problems = spec.validate()
        if !problems.isEmpty {
            throw GANSetupError("spec", problems.map { "\($0)" }.joined(separator: "; "))
        }
        self.spec = spec
        self.seed = seed
        self.folder = folder
        let dropoutStream = { (layer: Int) in RandomStream(seed: seed, name: "dropout").derived("\(layer)") }
        if spec.data.isImage {
            guard let set = try images ?? ImageTrainingSet.load(spec.data, seed: seed, locations: locations) else {
                throw GANSetupError("data.kind", "\(spec.data.kind.rawValue) is not image data")
            }
            try Self.checkImageSetup(spec, set)
            let data = try ImageData(spec: spec, seed: seed, set: set, classifier: classifier, locations: locations)
            let classes = spec.conditional ? set.classCount : nil
            distribution = nil
            imageData = data
            generator = ImageGenerator(spec: spec.generator, channels: set.channels, classCount: classes)
            discriminator = ImageDiscriminator(spec: spec.discriminator, stabilizers: spec.stabilizers, channels: set.channels,
                                               classCount: classes, dropoutStream: dropoutStream)
        } else {
            guard let toy = spec.data.toyDistribution else {
                throw GANSetupError("data.kind", "\(spec.data.kind.rawValue) has no toy distribution")
            }
            if spec.conditional { throw GANSetupError("conditional", "conditional GANs need labelled image data") }
            if spec.generator.kind != .mlp { throw GANSetupError("generator.kind", "toy data needs the mlp generator") }
            if spec.discriminator.kind != .mlp { throw GANSetupError("discriminator.kind", "toy data needs the mlp discriminator") }
            distribution = toy
            imageData = nil
            generator = MLPGenerator(spec: spec.generator, outputFeatures: 2, tanhOutput: false)
            discriminator = MLPDiscriminator(spec: spec.discriminator, stabilizers: spec.stabilizers, sampleFeatures: 2,
                                             dropoutStream: dropoutStream)
        }
        generator.initialize(seed: StableHash.splitmix64(seed ^ StableHash.fnv1a64("generator")))
        discriminator.initialize(seed: StableHash.splitmix64(seed ^ StableHash.fnv1a64("discriminator")))
        generatorOptimizer = try spec.generatorOptimizer.makeOptimizer(generator.namedParameters(), setting: "optimizer.generator")
        discriminatorOptimizer = try spec.discriminatorOptimizer.makeOptimizer(discriminator.namedParameters(), setting: "optimizer.discriminator")
        streams = TrainingStreams(seed: seed)
        evaluation = EvaluationSet(spec: spec, seed: seed, distribution: distribution)
    }

    /// A real batch [count, 2] from the `data` stream (toy data).
    public func sampleReal(_ count: Int) -> Tensor {
        guard let distribution else { preconditionFailure("sampleReal: image runs draw batches with nextRealBatch()") }
        return Tensor(shape: [count, 2], scalars: distribution.sample(count: count, stream: &streams.data))
    }

    /// The next real training batch of `batch_size` samples: toy points from the `data` stream,
    /// or the next shuffled image batch `[n, C, 28, 28]` with its labels (labels only for a cGAN).
    public func nextRealBatch() -> (samples: Tensor, labels: [Int]?) {
        guard let imageData else { return (sampleReal(spec.batchSize), nil) }
        let batch = imageData.set.batch(imageData.sampler.next())
        return (imageData.tensor(batch.images), spec.conditional ? batch.labels : nil)
    }

    /// Labels for a batch of conditional fakes, uniform over the classes from the `labels`
    /// stream (nil, with no draw, for an unconditional GAN).
    public func sampleFakeLabels(_ count: Int) -> [Int]? {
        guard spec.conditional, let imageData else { return nil }
        return (0..<count).map { _ in streams.labels.nextInt(below: imageData.set.classCount) }
    }

    /// A noise batch [count, noise_dim] from the `noise` stream.
    public func sampleNoise(_ count: Int) -> Tensor {
        spec.generator.noise.sample(count: count, dimension: spec.generator.noiseDim, stream: &streams.noise)
    }

    /// D applied to samples [n, 2] or images [n, C, H, W], packed m at a time: scores [n/m, 1].
    /// `labels` condition a cGAN (packing is then off).
    func critic(_ samples: Tensor, labels: [Int]? = nil) -> Tensor {
        discriminator(packedForCritic(samples), labels: labels)
    }

    /// D's input for `samples`: points packed into rows, images packed along channels.
    func packedForCritic(_ samples: Tensor) -> Tensor {
        samples.rank == 4 ? Packing.packedAlongChannels(samples, degree: spec.stabilizers.pack)
            : Packing.packed(samples, degree: spec.stabilizers.pack)
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
