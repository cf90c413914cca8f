import Foundation
import MinimaxData
import MinimaxNN
import MinimaxTensor

/// The three reference training workloads that `minimax bench` times and that the scripts in
/// `Benchmarks/` (PyTorch, JAX) run the same way, so their throughputs can be compared.
///
/// - `toy2d`: `ReferenceModels.toy2dGenerator/Discriminator` (width 256), batch 256,
///   z ~ N(0, 1)^16, real points from the ring of 8 Gaussians, non-saturating GAN loss as
///   binary cross-entropy on logits (D called separately on the real and the fake batch),
///   Adam(1e-4, β = (0.5, 0.999)) for both; one D step then one G step with fresh noise.
/// - `toy2d-wgangp`: the same networks, data and optimizers with the WGAN-GP losses
///   (Gulrajani et al. 2017, Algorithm 1: λ = 10, ε ~ U(0, 1) per example, the norm over the
///   flattened sample): 5 critic steps per generator step. One iteration = one generator step.
/// - `dcgan-mnist`: `ReferenceModels.dcganMNISTGenerator/Discriminator` (width 64), batch 64,
///   z ~ N(0, 1)^64, 1×28×28 real images (mnist-5k scaled to [−1, 1] when the file is there,
///   otherwise a fixed random tensor: see `realData`), BCE on logits as toy2d,
///   Adam(2e-4, β = (0.5, 0.999)). Batch norm stays in training mode, D is called separately
///   on real and fake batches (as PyTorch's DCGAN example does).
///
/// The generator step takes gradients with respect to G's parameters only
/// (`gradients(of:wrt:)`), as JAX's `grad` over G's parameters does and as PyTorch does with
/// D's `requires_grad` switched off; the fakes of a D step are computed without a tape.
public enum ReferenceWorkload: String, CaseIterable, Sendable {
    case toy2d
    case toy2dWGANGP = "toy2d-wgangp"
    case dcganMNIST = "dcgan-mnist"

    /// Matmul and convolution work of one iteration (forward and backward, 2 FLOP per
    /// multiply-add), as stated for these workloads: the figure behind the GFLOP/s column.
    public var gigaFLOPPerIteration: Double {
        switch self {
        case .toy2d: return 0.815
        case .toy2dWGANGP: return 4.06
        case .dcganMNIST: return 10.28
        }
    }

    /// Images generated per iteration (dcgan-mnist only), for an images/s figure.
    public var imagesPerIteration: Int? { self == .dcganMNIST ? ReferenceTraining.dcganBatchSize : nil }
}

/// One reference workload ready to train: models, optimizers and named random streams, with
/// `step()` running one iteration as the paper's algorithm box does: `discriminatorStep` on a
/// real batch (five times for WGAN-GP), then `generatorStep` with fresh noise. The two steps are
/// public so that a test can feed them exported batches (the PyTorch parity fixtures).
/// Deterministic for a seed and independent of `Engine.threads`.
public final class ReferenceTraining {
    public static let toyBatchSize = 256
    public static let dcganBatchSize = 64
    /// Critic steps per generator step in `toy2d-wgangp`.
    public static let criticSteps = 5
    public static let gradientPenaltyWeight: Float = 10

    public let workload: ReferenceWorkload
    public let generator: Sequential
    public let discriminator: Sequential
    public let generatorOptimizer: Adam
    public let discriminatorOptimizer: Adam
    /// What the real batches are: "ring-8", "mnist-5k (<n> images)" or "random tensor (…)".
    public let realData: String

    private var noiseStream: RandomStream
    private var dataStream: RandomStream
    private var penaltyStream: RandomStream
    private let ring = ToyDistribution.ring()
    private let images: [Float]
    private let imageCount: Int

    /// Builds the workload's models (initialised from `seed`) and streams. `mnist` supplies the
    /// real images of `dcgan-mnist`; without it the real batches come from a fixed random tensor
    /// of 1,000 images uniform in [−1, 1].
    public init(_ workload: ReferenceWorkload, seed: UInt64 = 0, mnist: ImageDataset? = nil) {
        self.workload = workload
        switch workload {
        case .toy2d, .toy2dWGANGP:
            generator = ReferenceModels.toy2dGenerator()
            discriminator = ReferenceModels.toy2dDiscriminator()
        case .dcganMNIST:
            generator = ReferenceModels.dcganMNISTGenerator()
            discriminator = ReferenceModels.dcganMNISTDiscriminator()
        }
        generator.initialize(seed: seed)
        discriminator.initialize(seed: seed &+ 1)
        let learningRate: Float = workload == .dcganMNIST ? 2e-4 : 1e-4
        generatorOptimizer = Adam(generator.parameters(), learningRate: learningRate, betas: (0.5, 0.999))
        discriminatorOptimizer = Adam(discriminator.parameters(), learningRate: learningRate, betas: (0.5, 0.999))
        noiseStream = RandomStream(seed: seed, name: "bench.noise")
        dataStream = RandomStream(seed: seed, name: "bench.data")
        penaltyStream = RandomStream(seed: seed, name: "bench.penalty")
        if workload == .dcganMNIST {
            if let mnist, mnist.count > 0, mnist.imageSize == 28 * 28 {
                images = mnist.images
                imageCount = mnist.count
                realData = "\(mnist.name) (\(mnist.count) images)"
            } else {
                var stream = RandomStream(seed: seed, name: "bench.random-images")
                imageCount = 1000
                images = stream.uniformArray(count: imageCount * 28 * 28, low: -1, high: 1)
                realData = "random tensor (\(imageCount) images uniform in [-1, 1])"
            }
        } else {
            images = []
            imageCount = 0
            realData = ring.name
        }
    }

    /// One iteration; returns the last discriminator (critic) loss and the generator loss.
    /// Real batches, noise and penalty weights come from the workload's named streams.
    @discardableResult
    public func step() -> (discriminatorLoss: Float, generatorLoss: Float) {
        var d: Float = 0
        for _ in 0..<(workload == .toy2dWGANGP ? Self.criticSteps : 1) {
            let real = workload == .dcganMNIST ? imageBatch() : toyBatch()
            let epsilons = workload == .toy2dWGANGP ? penaltyStream.uniformArray(count: batchSize) : nil
            d = discriminatorStep(real: real, noise: noise(), epsilons: epsilons)
        }
        return (d, generatorStep(noise: noise()))
    }

    /// One update of D (the critic for `toy2d-wgangp`) on `real` against the fakes G(`noise`),
    /// which are computed without a tape; returns the optimized loss. `epsilons` are WGAN-GP's
    /// interpolation weights, one per example in [0, 1], required for `toy2d-wgangp` and
    /// absent otherwise. Afterwards each of D's parameters holds in `grad` the gradient the step used.
    @discardableResult
    public func discriminatorStep(real: Tensor, noise: Tensor, epsilons: [Float]? = nil) -> Float {
        precondition((workload == .toy2dWGANGP) == (epsilons != nil),
                     "discriminatorStep: \(workload.rawValue) \(epsilons == nil ? "needs" : "takes no") gradient-penalty epsilons")
        let fake = withoutGradients { generator(noise) }
        let loss: Tensor
        if let epsilons {
            let mixed = GradientPenalty.interpolates(real: real, fake: fake, epsilons: epsilons)
            let penalty = GradientPenalty.wassersteinPenalty(critic: { self.discriminator($0) }, interpolates: mixed,
                                                             weight: Self.gradientPenaltyWeight)
            loss = discriminator(fake).mean() - discriminator(real).mean() + penalty
        } else {
            loss = Loss.binaryCrossEntropy(logits: discriminator(real), target: 1)
                + Loss.binaryCrossEntropy(logits: discriminator(fake), target: 0)
        }
        update(discriminatorOptimizer, loss: loss)
        return loss.item
    }

    /// One update of G with `noise` (fresh, not the noise of the D step): the non-saturating
    /// loss BCE(D(G(z)), 1), or −mean D(G(z)) for WGAN-GP; returns it. Afterwards each of G's
    /// parameters holds in `grad` the gradient the step used (D's gradients are untouched).
    @discardableResult
    public func generatorStep(noise: Tensor) -> Float {
        let logits = discriminator(generator(noise))
        let loss = workload == .toy2dWGANGP ? -logits.mean() : Loss.binaryCrossEntropy(logits: logits, target: 1)
        update(generatorOptimizer, loss: loss)
        return loss.item
    }

    private var batchSize: Int { workload == .dcganMNIST ? Self.dcganBatchSize : Self.toyBatchSize }

    private func noise() -> Tensor {
        let dimension = workload == .dcganMNIST ? ReferenceModels.dcganMNISTNoiseDimension : ReferenceModels.toy2dNoiseDimension
        return Tensor(shape: [batchSize, dimension], scalars: noiseStream.normalArray(count: batchSize * dimension))
    }

    private func toyBatch() -> Tensor {
        Tensor(shape: [batchSize, 2], scalars: ring.sample(count: batchSize, stream: &dataStream))
    }

    private func imageBatch() -> Tensor {
        let size = 28 * 28
        var batch = [Float](repeating: 0, count: batchSize * size)
        for row in 0..<batchSize {
            let index = dataStream.nextInt(below: imageCount)
            batch[(row * size)..<((row + 1) * size)] = images[(index * size)..<((index + 1) * size)]
        }
        return Tensor(shape: [batchSize, 1, 28, 28], scalars: batch)
    }

    /// One optimizer step on the gradients of `loss` with respect to the optimizer's parameters only.
    private func update(_ optimizer: Adam, loss: Tensor) {
        let grads = gradients(of: loss, wrt: optimizer.parameters.map(\.value))
        for (p, g) in zip(optimizer.parameters, grads) { p.value.setGrad(g) }
        optimizer.step()
    }
}
